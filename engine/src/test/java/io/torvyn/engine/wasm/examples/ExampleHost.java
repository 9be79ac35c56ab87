package io.torvyn.engine.wasm.examples;

import io.torvyn.engine.wasm.TorvynHost;
import io.torvyn.engine.wasm.WasmMemory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link TorvynHost} with the ownership rules of spec/component-abi.md over byte arrays: input buffers are
 * borrowed (not writable), allocated ones owned until returned, emitted or released. Every import call is recorded as
 * text so a test can compare what a component did on both engines, not just what it returned.
 */
final class ExampleHost implements TorvynHost {

    static final int NOT_OWNER = -13;
    static final int STALE_HANDLE = -14;

    /** One buffer: payload, content type, element metadata and whether the guest owns it. */
    static final class Buffer {
        byte[] payload;
        String contentType;
        long sequence;
        long timestampNs;
        boolean owned;

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** An output sent with {@code emit}. */
    record Emitted(int handle, int port) {
    }

    /** A {@code log} line. */
    record LogLine(int level, String text) {
    }

    final Map<Integer, Buffer> buffers = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    final List<Emitted> emitted = new ArrayList<>();
    final List<LogLine> logs = new ArrayList<>();
    final List<String> failures = new ArrayList<>();
    private WasmMemory memory;
    private int nextHandle = 1000;
    private byte[] config = new byte[0];

    ExampleHost config(final String text) {
        config = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** Adds a borrowed input buffer and returns its handle. */
    int input(final String payload, final String contentType) {
        return input(payload.getBytes(StandardCharsets.UTF_8), contentType);
    }

    int input(final byte[] payload, final String contentType) {
        final Buffer buffer = new Buffer();
        buffer.payload = payload;
        buffer.contentType = contentType;
        buffer.sequence = buffers.size();
        buffer.timestampNs = 1_000L * buffers.size();
        final int handle = nextHandle++;
        buffers.put(handle, buffer);
        return handle;
    }

    Buffer buffer(final int handle) {
        final Buffer buffer = buffers.get(handle);
        if (buffer == null) {
            throw new AssertionError("no buffer " + handle);
        }
        return buffer;
    }

    String text(final int handle) {
        return buffer(handle).text();
    }

    /** Owned buffers the guest neither returned, emitted nor released (the host would count them as leaked). */
    List<Integer> owned() {
        final List<Integer> owned = new ArrayList<>();
        buffers.forEach((handle, buffer) -> {
            if (buffer.owned) {
                owned.add(handle);
            }
        });
        return owned;
    }

    @Override
    public void bind(final WasmMemory bound) {
        memory = bound;
    }

    @Override
    public long bufferSize(final int h) {
        calls.add("buffer_size(" + h + ")");
        final Buffer buffer = buffers.get(h);
        return buffer == null ? STALE_HANDLE : buffer.payload.length;
    }

    @Override
    public int bufferContentType(final int h, final int dst, final int cap) {
        calls.add("buffer_content_type(" + h + ", " + cap + ")");
        final Buffer buffer = buffers.get(h);
        if (buffer == null) {
            return STALE_HANDLE;
        }
        final byte[] type = buffer.contentType == null ? new byte[0]
            : buffer.contentType.getBytes(StandardCharsets.UTF_8);
        final int rc = memory.copyIn(type, 0, dst, Math.min(cap, type.length));
        return rc == WasmMemory.OK ? type.length : rc;
    }

    @Override
    public int bufferRead(final int h, final long off, final int dst, final int len) {
        calls.add("buffer_read(" + h + ", " + off + ", " + len + ")");
        final Buffer buffer = buffers.get(h);
        if (buffer == null) {
            return STALE_HANDLE;
        }
        final int n = (int) Math.max(0, Math.min(len, buffer.payload.length - off));
        final int rc = memory.copyIn(buffer.payload, (int) off, dst, n);
        return rc == WasmMemory.OK ? n : rc;
    }

    @Override
    public int bufferAlloc(final long hint) {
        calls.add("buffer_alloc(" + hint + ")");
        final Buffer buffer = new Buffer();
        buffer.payload = new byte[0];
        buffer.owned = true;
        final int handle = nextHandle++;
        buffers.put(handle, buffer);
        return handle;
    }

    @Override
    public int bufferClone(final int h) {
        calls.add("buffer_clone(" + h + ")");
        final Buffer source = buffers.get(h);
        if (source == null) {
            return STALE_HANDLE;
        }
        final int handle = bufferAlloc(source.payload.length);
        buffers.get(handle).payload = source.payload.clone();
        buffers.get(handle).contentType = source.contentType;
        return handle;
    }

    @Override
    public int bufferWrite(final int h, final long off, final int src, final int len) {
        calls.add("buffer_write(" + h + ", " + off + ", " + len + ")");
        final Buffer buffer = buffers.get(h);
        if (buffer == null) {
            return STALE_HANDLE;
        }
        if (!buffer.owned) {
            return NOT_OWNER;
        }
        final byte[] bytes = Arrays.copyOf(buffer.payload, (int) Math.max(buffer.payload.length, off + len));
        final int rc = memory.copyOut(src, bytes, (int) off, len);
        if (rc != WasmMemory.OK) {
            return rc;
        }
        buffer.payload = bytes;
        return 0;
    }

    @Override
    public int bufferAppend(final int h, final int src, final int len) {
        calls.add("buffer_append(" + h + ", " + len + ")");
        final Buffer buffer = buffers.get(h);
        return buffer == null ? STALE_HANDLE : bufferWrite(h, buffer.payload.length, src, len);
    }

    @Override
    public int bufferSetContentType(final int h, final int src, final int len) {
        calls.add("buffer_set_content_type(" + h + ", " + len + ")");
        final Buffer buffer = buffers.get(h);
        if (buffer == null) {
            return STALE_HANDLE;
        }
        if (!buffer.owned) {
            return NOT_OWNER;
        }
        buffer.contentType = new String(memory.readBytes(src, len), StandardCharsets.UTF_8);
        return 0;
    }

    @Override
    public int bufferRelease(final int h) {
        calls.add("buffer_release(" + h + ")");
        final Buffer buffer = buffers.get(h);
        if (buffer == null) {
            return STALE_HANDLE;
        }
        if (!buffer.owned) {
            return NOT_OWNER;
        }
        buffers.remove(h);
        return 0;
    }

    @Override
    public long elementSequence(final int h) {
        calls.add("element_sequence(" + h + ")");
        final Buffer buffer = buffers.get(h);
        return buffer == null ? STALE_HANDLE : buffer.sequence;
    }

    @Override
    public long elementTimestampNs(final int h) {
        calls.add("element_timestamp_ns(" + h + ")");
        final Buffer buffer = buffers.get(h);
        return buffer == null ? STALE_HANDLE : buffer.timestampNs;
    }

    @Override
    public int emit(final int h, final int port) {
        calls.add("emit(" + h + ", " + port + ")");
        final Buffer buffer = buffers.get(h);
        if (buffer == null) {
            return STALE_HANDLE;
        }
        if (!buffer.owned) {
            return NOT_OWNER;
        }
        buffer.owned = false;
        emitted.add(new Emitted(h, port));
        return 0;
    }

    @Override
    public int config(final int dst, final int cap) {
        calls.add("config(" + cap + ")");
        final int rc = memory.copyIn(config, 0, dst, Math.min(cap, config.length));
        return rc == WasmMemory.OK ? config.length : rc;
    }

    @Override
    public long deadlineNs() {
        calls.add("deadline_ns()");
        return 0;
    }

    @Override
    public void log(final int level, final int src, final int len) {
        calls.add("log(" + level + ")");
        logs.add(new LogLine(level, new String(memory.readBytes(src, len), StandardCharsets.UTF_8)));
    }

    @Override
    public void fail(final int kind, final int src, final int len) {
        calls.add("fail(" + kind + ")");
        failures.add(kind + ": " + new String(memory.readBytes(src, len), StandardCharsets.UTF_8));
    }
}
