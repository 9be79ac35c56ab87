package io.torvyn.engine.wasm.instrument;

/**
 * What the host offers under the "env" module name, the same on every engine. {@code imports.wat} needs the
 * functions and globals; {@code imported_memory.wat} needs a memory.
 *
 * @param importsFixture     provide add(a, b), twice(x), global base = 100 and mutable global counter = 0
 * @param memoryMaximumPages provide a 1-page memory with this maximum, or -1 for none
 */
record HostEnvironment(boolean importsFixture, int memoryMaximumPages) {
    static final int BASE = 100;

    static final HostEnvironment NONE = new HostEnvironment(false, -1);
    static final HostEnvironment IMPORTS = new HostEnvironment(true, -1);

    static HostEnvironment memory(final int maximumPages) {
        return new HostEnvironment(false, maximumPages);
    }
}
