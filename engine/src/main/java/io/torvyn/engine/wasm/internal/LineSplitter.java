package io.torvyn.engine.wasm.internal;

import io.torvyn.engine.wasm.WasiLogSink;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Cuts a WASI output stream into log lines for a {@link WasiLogSink}. Lines longer than {@link #MAX_LINE} are cut, so
 * a component printing without newlines cannot grow the heap; {@link #flush()} emits a pending partial line.
 */
public final class LineSplitter extends OutputStream {

    public static final int MAX_LINE = 4096;

    private final WasiLogSink sink;
    private final int level;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    public LineSplitter(final WasiLogSink sink, final int level) {
        this.sink = sink;
        this.level = level;
    }

    @Override
    public void write(final int b) {
        if (b == '\n') {
            emit();
            return;
        }
        pending.write(b);
        if (pending.size() >= MAX_LINE) {
            emit();
        }
    }

    @Override
    public void write(final byte[] bytes, final int off, final int len) {
        for (int i = off; i < off + len; i++) {
            write(bytes[i]);
        }
    }

    @Override
    public void flush() {
        if (pending.size() > 0) {
            emit();
        }
    }

    @Override
    public void close() {
        flush();
    }

    private void emit() {
        int size = pending.size();
        final byte[] bytes = pending.toByteArray();
        if (size > 0 && bytes[size - 1] == '\r') {
            size--;
        }
        pending.reset();
        sink.line(level, new String(bytes, 0, size, StandardCharsets.UTF_8));
    }
}
