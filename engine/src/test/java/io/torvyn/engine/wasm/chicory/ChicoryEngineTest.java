package io.torvyn.engine.wasm.chicory;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.wasm.InstanceOptions;
import io.torvyn.engine.wasm.TorvynHost;
import io.torvyn.engine.wasm.WasmCallException;
import io.torvyn.engine.wasm.WasmFailures;
import io.torvyn.engine.wasm.WasmInstance;
import io.torvyn.engine.wasm.WasmModule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What only the Chicory backend does: runtime memory cap, direct page copies, foreign interrupts. */
class ChicoryEngineTest {

    private static ChicoryEngine engine;

    @BeforeAll
    static void open() {
        engine = new ChicoryEngine();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void theMemoryCapLowersTheDeclaredMaximumAtRuntime() throws IOException {
        final WasmModule traps = engine.compile(bytes("traps.wasm"), "traps.wasm");
        try (WasmInstance capped = traps.instantiate(host(), InstanceOptions.defaults().withMaxMemoryBytes(65_536))) {
            assertEquals(-1, capped.function("grow").callI32(1));
            assertEquals(65_536, capped.memory().size());
        }
    }

    @Test
    void offHeapCopiesGoStraightIntoThePageArrays() throws IOException {
        try (WasmInstance instance = engine.compile(bytes("traps.wasm"), "traps.wasm").instantiate(host(),
            InstanceOptions.defaults())) {
            assertTrue(((ChicoryInstance) instance).fastMemoryCopies());
        }
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aForeignInterruptIsFlowCancelledAndKeepsTheFlag() throws IOException {
        try (WasmInstance instance = engine.compile(bytes("traps.wasm"), "traps.wasm").instantiate(host(),
            InstanceOptions.defaults().withInvocationTimeoutNs(TimeUnit.SECONDS.toNanos(30)))) {
            Thread.currentThread().interrupt();
            final WasmCallException e = assertThrows(WasmCallException.class,
                () -> instance.function("spin").callI32());
            assertEquals(ErrorCode.E0402, e.code());
            assertEquals(WasmFailures.REASON_INTERRUPTED, e.reason());
            assertTrue(Thread.interrupted());
            assertEquals(42, instance.function("ok").callI32());
        }
    }

    private static TorvynHost host() {
        return (TorvynHost) Proxy.newProxyInstance(TorvynHost.class.getClassLoader(),
            new Class<?>[] {TorvynHost.class}, (proxy, method, args) -> {
                if (method.getName().equals("bind")) {
                    return null;
                }
                throw new UnsupportedOperationException(method.getName());
            });
    }

    private static byte[] bytes(final String name) throws IOException {
        try (InputStream in = ChicoryEngineTest.class.getResourceAsStream("/wasm/engine/" + name)) {
            return in.readAllBytes();
        }
    }
}
