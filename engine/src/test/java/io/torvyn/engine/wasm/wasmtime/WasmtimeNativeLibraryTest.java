package io.torvyn.engine.wasm.wasmtime;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JNI library comes from the stable cache (or java.library.path), never a fresh copy in the temp directory. */
class WasmtimeNativeLibraryTest {

    @Test
    void theLibraryIsLoadedWithoutTheBindingsTempCopy() {
        final String from = WasmtimeNativeLibrary.ensureLoaded();
        assertFalse(from.contains("default") || from.contains("may still"), from);
        if (!from.equals("java.library.path")) {
            assertTrue(Files.isRegularFile(Path.of(from)), from);
            assertTrue(Path.of(from).startsWith(WasmtimeNativeLibrary.cacheDir()), from);
        }
        try (WasmtimeEngine engine = new WasmtimeEngine()) {
            assertTrue(engine.name().equals(WasmtimeEngine.NAME));
        }
    }
}
