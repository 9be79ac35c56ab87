package io.torvyn.engine.wasm.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the checked-in test modules (engine/src/test/resources/wasm, rebuilt by scripts/build-test-wasm.sh). */
final class WasmFixtures {
    private WasmFixtures() {
    }

    static byte[] load(final String name) {
        try (InputStream in = WasmFixtures.class.getResourceAsStream("/wasm/" + name + ".wasm")) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name + ".wasm: run scripts/build-test-wasm.sh");
            }
            return in.readAllBytes();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
