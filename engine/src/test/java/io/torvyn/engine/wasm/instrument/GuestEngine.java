package io.torvyn.engine.wasm.instrument;

/** The engines the instrumented bytes must behave identically on. */
enum GuestEngine {
    CHICORY_COMPILER {
        @Override
        GuestRunner load(final byte[] wasm, final HostEnvironment env) {
            return ChicoryRunner.load(wasm, env, true);
        }
    },
    CHICORY_INTERPRETER {
        @Override
        GuestRunner load(final byte[] wasm, final HostEnvironment env) {
            return ChicoryRunner.load(wasm, env, false);
        }
    },
    WASMTIME {
        @Override
        GuestRunner load(final byte[] wasm, final HostEnvironment env) {
            return WasmtimeRunner.load(wasm, env);
        }
    };

    /** Instantiates the module (running its start function); a trap during that raises {@link GuestTrap}. */
    abstract GuestRunner load(byte[] wasm, HostEnvironment env);
}
