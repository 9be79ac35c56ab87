package io.torvyn.engine.wasm.internal;

import io.torvyn.engine.wasm.WasmCallException;
import io.torvyn.engine.wasm.WasmFailures;

/** The error both memory views raise for an out-of-bounds scalar access: the same E0403 a guest load would raise. */
public final class MemoryBounds {

    private MemoryBounds() {
    }

    public static boolean fits(final int offset, final int len, final long size) {
        return len >= 0 && Integer.toUnsignedLong(offset) + len <= size;
    }

    public static WasmCallException outOfBounds(final int offset, final int len, final long size) {
        return WasmFailures.trap("host memory access", "[" + Integer.toUnsignedString(offset) + ", +" + len
            + ") of " + size + " bytes", WasmFailures.REASON_OUT_OF_BOUNDS, null);
    }
}
