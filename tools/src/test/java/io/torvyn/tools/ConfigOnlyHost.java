package io.torvyn.tools;

import io.torvyn.engine.wasm.TorvynHost;
import io.torvyn.engine.wasm.WasmMemory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A host that serves only a config string and records {@code fail} messages: enough to run a component's
 * {@code torvyn_init} and learn whether it accepts the config a template gives it. Buffer imports report a stale
 * handle, which init code never needs.
 */
final class ConfigOnlyHost implements TorvynHost {
    private static final int STALE_HANDLE = -14;

    final List<String> failures = new ArrayList<>();
    private final byte[] config;
    private WasmMemory memory;

    ConfigOnlyHost(final String config) {
        this.config = config == null ? new byte[0] : config.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void bind(final WasmMemory bound) {
        memory = bound;
    }

    @Override
    public int config(final int dst, final int cap) {
        final int rc = memory.copyIn(config, 0, dst, Math.min(cap, config.length));
        return rc == WasmMemory.OK ? config.length : rc;
    }

    @Override
    public void fail(final int kind, final int src, final int len) {
        failures.add(kind + ": " + new String(memory.readBytes(src, len), StandardCharsets.UTF_8));
    }

    @Override
    public void log(final int level, final int src, final int len) {
    }

    @Override
    public long deadlineNs() {
        return 0;
    }

    @Override
    public long bufferSize(final int h) {
        return STALE_HANDLE;
    }

    @Override
    public int bufferContentType(final int h, final int dst, final int cap) {
        return STALE_HANDLE;
    }

    @Override
    public int bufferRead(final int h, final long off, final int dst, final int len) {
        return STALE_HANDLE;
    }

    @Override
    public int bufferAlloc(final long hint) {
        return -12;
    }

    @Override
    public int bufferClone(final int h) {
        return STALE_HANDLE;
    }

    @Override
    public int bufferWrite(final int h, final long off, final int src, final int len) {
        return STALE_HANDLE;
    }

    @Override
    public int bufferAppend(final int h, final int src, final int len) {
        return STALE_HANDLE;
    }

    @Override
    public int bufferSetContentType(final int h, final int src, final int len) {
        return STALE_HANDLE;
    }

    @Override
    public int bufferRelease(final int h) {
        return STALE_HANDLE;
    }

    @Override
    public long elementSequence(final int h) {
        return STALE_HANDLE;
    }

    @Override
    public long elementTimestampNs(final int h) {
        return STALE_HANDLE;
    }

    @Override
    public int emit(final int h, final int port) {
        return STALE_HANDLE;
    }
}
