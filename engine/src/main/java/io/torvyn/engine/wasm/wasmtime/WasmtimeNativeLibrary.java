package io.torvyn.engine.wasm.wasmtime;

import io.github.kawamuray.wasmtime.NativeLibraryLoader;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Properties;

/**
 * Loads wasmtime-java's JNI library from a stable cache instead of letting the binding copy its 18 MB library into
 * {@code /tmp} at every JVM start (and never delete it). The binding's loader first tries
 * {@code System.loadLibrary("wasmtime_jni")} and only then extracts; this class does the same lookup, otherwise
 * extracts the bundled library once to {@code ~/.cache/torvyn/wasmtime-jni/VERSION/} (or {@code -Dtorvyn.cache.dir},
 * or {@code $XDG_CACHE_HOME/torvyn}) with an atomic rename, loads it, and marks the binding's loader as done (its
 * private {@code loaded} flag: the binding has no public hook for this). Any failure falls back to the binding's own
 * behaviour, so this can only save work, never break loading.
 */
public final class WasmtimeNativeLibrary {

    private static final String LIBRARY = "wasmtime_jni";
    private static String loadedFrom;

    private WasmtimeNativeLibrary() {
    }

    /** Loads the library once per JVM; returns where it came from, for {@code torvyn doctor}. */
    public static synchronized String ensureLoaded() {
        if (loadedFrom != null) {
            return loadedFrom;
        }
        loadedFrom = load();
        return loadedFrom;
    }

    /** The directory Torvyn caches native libraries in. */
    public static Path cacheDir() {
        final String configured = System.getProperty("torvyn.cache.dir");
        if (configured != null && !configured.isEmpty()) {
            return Path.of(configured);
        }
        final String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isEmpty()) {
            return Path.of(xdg, "torvyn");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "torvyn");
    }

    private static String load() {
        try {
            System.loadLibrary(LIBRARY);
            return markBindingLoaded("java.library.path");
        } catch (final UnsatisfiedLinkError notOnLibraryPath) {
            // expected: extract to the cache below
        }
        try {
            final String version = bindingVersion();
            final String resource = bundledResource(version);
            if (version == null || resource == null) {
                return binding();
            }
            final Path target = cacheDir().resolve("wasmtime-jni").resolve(version)
                .resolve(System.mapLibraryName(LIBRARY));
            if (!Files.isRegularFile(target)) {
                extract(resource, target);
            }
            System.load(target.toAbsolutePath().toString());
            return markBindingLoaded(target.toString());
        } catch (final IOException | RuntimeException | UnsatisfiedLinkError e) {
            return binding();
        }
    }

    private static String binding() {
        NativeLibraryLoader.load();
        return "wasmtime-java default (a copy in the temp directory)";
    }

    private static void extract(final String resource, final Path target) throws IOException {
        Files.createDirectories(target.getParent());
        final Path partial = Files.createTempFile(target.getParent(), "extract-", ".partial");
        try (InputStream in = NativeLibraryLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("resource missing: " + resource);
            }
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (final FileAlreadyExistsException raced) {
                // another JVM extracted it first; theirs is complete because it was renamed into place
            }
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static String markBindingLoaded(final String from) {
        try {
            final Field loaded = NativeLibraryLoader.class.getDeclaredField("loaded");
            loaded.setAccessible(true);
            loaded.setBoolean(null, true);
            return from;
        } catch (final ReflectiveOperationException | RuntimeException e) {
            return from + " (the binding may still extract its own copy)";
        }
    }

    private static String bindingVersion() throws IOException {
        try (InputStream in = NativeLibraryLoader.class.getResourceAsStream("/wasmtime-java-meta.properties")) {
            if (in == null) {
                return null;
            }
            final Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("jnilib.version");
        }
    }

    /** The bundled library's resource name, as the binding names it, or null on a platform handled only by it. */
    private static String bundledResource(final String version) {
        final String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        final String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        final String archName = arch.equals("aarch64") ? "aarch64"
            : arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : null;
        if (archName == null) {
            return null;
        }
        if (os.contains("linux")) {
            return "/lib" + LIBRARY + "_" + version + "_linux_" + archName + ".so";
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return "/lib" + LIBRARY + "_" + version + "_macos_" + archName + ".dylib";
        }
        return null;
    }
}
