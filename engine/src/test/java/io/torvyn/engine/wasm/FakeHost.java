package io.torvyn.engine.wasm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link TorvynHost} for tests: payloads are byte arrays keyed by handle, every import call is recorded as text,
 * and copies go through the bound {@link WasmMemory} exactly as the real host's do.
 */
final class FakeHost implements TorvynHost {

    final Map<Integer, byte[]> payloads = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    final List<String> logLines = new ArrayList<>();
    WasmMemory memory;
    int bindCount;
    int nextHandle = 100;
    RuntimeException throwOnSize;
    String config = "";

    FakeHost payload(final int handle, final String text) {
        payloads.put(handle, text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    String payloadText(final int handle) {
        return new String(payloads.get(handle), StandardCharsets.UTF_8);
    }

    @Override
    public void bind(final WasmMemory bound) {
        memory = bound;
        bindCount++;
    }

    @Override
    public long bufferSize(final int h) {
        calls.add("buffer_size(" + h + ")");
        if (throwOnSize != null) {
            throw throwOnSize;
        }
        final byte[] payload = payloads.get(h);
        return payload == null ? -14 : payload.length;
    }

    @Override
    public int bufferContentType(final int h, final int dst, final int cap) {
        calls.add("buffer_content_type(" + h + ")");
        return 0;
    }

    @Override
    public int bufferRead(final int h, final long off, final int dst, final int len) {
        calls.add("buffer_read(" + h + ", " + off + ", " + dst + ", " + len + ")");
        final byte[] payload = payloads.get(h);
        if (payload == null) {
            return -14;
        }
        final int n = (int) Math.max(0, Math.min(len, payload.length - off));
        final int rc = memory.copyIn(payload, (int) off, dst, n);
        return rc == WasmMemory.OK ? n : rc;
    }

    @Override
    public int bufferAlloc(final long hint) {
        calls.add("buffer_alloc(" + hint + ")");
        final int handle = nextHandle++;
        payloads.put(handle, new byte[0]);
        return handle;
    }

    @Override
    public int bufferClone(final int h) {
        calls.add("buffer_clone(" + h + ")");
        return -12;
    }

    @Override
    public int bufferWrite(final int h, final long off, final int src, final int len) {
        calls.add("buffer_write(" + h + ", " + off + ", " + src + ", " + len + ")");
        final byte[] bytes = new byte[(int) off + len];
        final int rc = memory.copyOut(src, bytes, (int) off, len);
        if (rc != WasmMemory.OK) {
            return rc;
        }
        payloads.put(h, bytes);
        return 0;
    }

    @Override
    public int bufferAppend(final int h, final int src, final int len) {
        calls.add("buffer_append(" + h + ")");
        return 0;
    }

    @Override
    public int bufferSetContentType(final int h, final int src, final int len) {
        calls.add("buffer_set_content_type(" + h + ")");
        return 0;
    }

    @Override
    public int bufferRelease(final int h) {
        calls.add("buffer_release(" + h + ")");
        return 0;
    }

    @Override
    public long elementSequence(final int h) {
        calls.add("element_sequence(" + h + ")");
        return 7;
    }

    @Override
    public long elementTimestampNs(final int h) {
        calls.add("element_timestamp_ns(" + h + ")");
        return 11;
    }

    @Override
    public int emit(final int h, final int port) {
        calls.add("emit(" + h + ", " + port + ")");
        return 0;
    }

    @Override
    public int config(final int dst, final int cap) {
        calls.add("config(" + dst + ", " + cap + ")");
        final byte[] bytes = config.getBytes(StandardCharsets.UTF_8);
        final int rc = memory.copyIn(bytes, 0, dst, Math.min(cap, bytes.length));
        return rc == WasmMemory.OK ? bytes.length : rc;
    }

    @Override
    public long deadlineNs() {
        calls.add("deadline_ns()");
        return 0;
    }

    @Override
    public void log(final int level, final int src, final int len) {
        calls.add("log(" + level + ")");
        logLines.add(new String(memory.readBytes(src, len), StandardCharsets.UTF_8));
    }

    @Override
    public void fail(final int kind, final int src, final int len) {
        calls.add("fail(" + kind + ")");
    }
}
