package io.torvyn.engine.wasm.wasmtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the committed engine test modules ({@code engine/src/test/resources/wasm/engine}). */
final class WasmtimeFixtures {

    private WasmtimeFixtures() {
    }

    static byte[] load(final String name) {
        try (InputStream in = WasmtimeFixtures.class.getResourceAsStream("/wasm/engine/" + name + ".wasm")) {
            if (in == null) {
                throw new IllegalArgumentException("no test module " + name);
            }
            return in.readAllBytes();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
