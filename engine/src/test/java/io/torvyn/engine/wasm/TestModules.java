package io.torvyn.engine.wasm;

import io.torvyn.engine.wasm.chicory.ChicoryEngine;
import io.torvyn.engine.wasm.wasmtime.WasmtimeEngine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Loads the committed test modules and hands out one engine of each kind per test JVM. */
final class TestModules {

    private static final Map<String, WasmEngine> ENGINES = new ConcurrentHashMap<>();

    private TestModules() {
    }

    /** Engine names for {@code @MethodSource}. */
    static Stream<String> engines() {
        return Stream.of(ChicoryEngine.NAME, WasmtimeEngine.NAME);
    }

    static WasmEngine engine(final String name) {
        return ENGINES.computeIfAbsent(name, n -> n.equals(ChicoryEngine.NAME)
            ? new ChicoryEngine() : new WasmtimeEngine());
    }

    static byte[] bytes(final String resource) {
        try (InputStream in = TestModules.class.getResourceAsStream("/wasm/engine/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test module " + resource);
            }
            return in.readAllBytes();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles {@code NAME.wasm} on the named engine. */
    static WasmModule module(final String engine, final String name) {
        return engine(engine).compile(bytes(name + ".wasm"), name + ".wasm");
    }
}
