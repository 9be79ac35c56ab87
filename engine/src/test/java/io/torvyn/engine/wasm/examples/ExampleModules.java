package io.torvyn.engine.wasm.examples;

import io.torvyn.engine.schedule.TorvynThreads;
import io.torvyn.engine.wasm.InstanceOptions;
import io.torvyn.engine.wasm.WasmEngine;
import io.torvyn.engine.wasm.WasmEngines;
import io.torvyn.engine.wasm.WasmInstance;
import io.torvyn.engine.wasm.WasmModule;
import org.junit.jupiter.params.provider.Arguments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The committed example modules of examples/components, compiled once per engine for the test JVM. The examples
 * live outside the engine module (they are the SDK's, and {@code torvyn init} copies them), so they are found by
 * walking up from the working directory rather than from the test classpath.
 */
final class ExampleModules {

    static final String C = "c";
    static final String WAT = "wat";

    private static final Map<String, WasmEngine> ENGINES = new ConcurrentHashMap<>();
    private static final Map<String, WasmModule> MODULES = new ConcurrentHashMap<>();
    private static final Path ROOT = locate();

    private ExampleModules() {
    }

    /** examples/components of this checkout. */
    static Path root() {
        return ROOT;
    }

    /** Engine names for {@code @MethodSource}. */
    static Stream<String> engines() {
        return WasmEngines.NAMES.stream();
    }

    /** (engine, language) pairs for an example written both in C and in WAT. */
    static Stream<Arguments> twins() {
        return engines().flatMap(engine -> Stream.of(Arguments.of(engine, C), Arguments.of(engine, WAT)));
    }

    static WasmEngine engine(final String name) {
        return ENGINES.computeIfAbsent(name, n -> WasmEngines.create(n, new TorvynThreads("examples-test")));
    }

    /** Every committed example module, as "c/name.wasm" or "wat/name.wasm". */
    static List<String> all() {
        final List<String> names = new ArrayList<>();
        for (final String language : List.of(C, WAT)) {
            try (Stream<Path> files = Files.list(ROOT.resolve(language))) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".wasm")).sorted()
                    .forEach(n -> names.add(language + "/" + n));
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }

    static byte[] bytes(final String relative) {
        try {
            return Files.readAllBytes(ROOT.resolve(relative));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The module at "c/name.wasm" compiled on {@code engine}. */
    static WasmModule module(final String engine, final String relative) {
        return MODULES.computeIfAbsent(engine + ":" + relative, k -> engine(engine).compile(bytes(relative), relative));
    }

    /** A fresh instance of {@code language/name.wasm} bound to {@code host}. */
    static WasmInstance instance(final String engine, final String language, final String name,
                                 final ExampleHost host) {
        return module(engine, language + "/" + name + ".wasm").instantiate(host, InstanceOptions.defaults());
    }

    private static Path locate() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            final Path candidate = dir.resolve("examples").resolve("components");
            if (Files.isDirectory(candidate.resolve(C))) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("examples/components not found above " + Path.of("").toAbsolutePath());
    }
}
