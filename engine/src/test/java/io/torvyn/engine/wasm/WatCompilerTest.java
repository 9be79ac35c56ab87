package io.torvyn.engine.wasm;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** WAT text goes through wat2wasm on both engines; without the tool it is E0010. */
class WatCompilerTest {

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void watTextCompilesToTheSameModuleAsItsBinary(final String engine) {
        assumeTrue(WatCompiler.available(), "wat2wasm not installed");
        final WasmModule fromText = TestModules.engine(engine).compile(TestModules.bytes("filter.wat"), "filter.wat");
        final WasmModule fromBinary = TestModules.module(engine, "filter");
        assertEquals(fromBinary.exports(), fromText.exports());
        assertEquals(fromBinary.imports(), fromText.imports());
        final FakeHost host = new FakeHost().payload(1, "more than ten bytes");
        try (WasmInstance instance = fromText.instantiate(host, InstanceOptions.defaults())) {
            assertEquals(1, instance.function("torvyn_evaluate").callI32(1));
        }
    }

    @Test
    void aMissingToolIsToolchainMissing() {
        final String previous = System.getProperty("torvyn.wat2wasm");
        System.setProperty("torvyn.wat2wasm", "/nonexistent/wat2wasm");
        try {
            final TorvynException e = assertThrows(TorvynException.class,
                () -> WatCompiler.toWasm("(module)".getBytes(), "m.wat"));
            assertEquals(ErrorCode.E0010, e.code());
            assertEquals(4, e.code().exitCode());
        } finally {
            if (previous == null) {
                System.clearProperty("torvyn.wat2wasm");
            } else {
                System.setProperty("torvyn.wat2wasm", previous);
            }
        }
    }
}
