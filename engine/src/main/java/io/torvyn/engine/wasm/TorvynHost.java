package io.torvyn.engine.wasm;

/**
 * The Java side of the host imports of module {@code "torvyn"} (spec/component-abi.md, "Host imports"), one method per
 * import with the import's exact primitive signature, so both engines can bind it without boxing or reflection.
 * <p>
 * Arguments named {@code dst}/{@code src} are offsets into the calling instance's linear memory: an implementation
 * copies through the {@link WasmMemory} it was given by {@link #bind(WasmMemory)}, which the engine calls after every
 * instantiation (and so again after a re-instantiation) and before any guest code that could call an import runs.
 * <p>
 * An implementation may throw a {@link io.torvyn.engine.error.TorvynException} from any import: the guest call is
 * abandoned and that exact exception reaches the caller of the {@link WasmFunction}. Negative results are the ABI's
 * buffer error codes (−10 … −15). Calls arrive on the thread that called the guest, one at a time.
 */
public interface TorvynHost {

    /** Gives the host the memory of the instance it now serves; called again after each re-instantiation. */
    void bind(WasmMemory memory);

    /** {@code buffer_size(h i32) -> i64}: payload length. */
    long bufferSize(int h);

    /** {@code buffer_content_type(h, dst, cap) -> i32}: copies up to {@code cap} bytes; returns the full length. */
    int bufferContentType(int h, int dst, int cap);

    /** {@code buffer_read(h, off i64, dst, len) -> i32}: copies payload {@code [off, off+len)}; returns the count. */
    int bufferRead(int h, long off, int dst, int len);

    /** {@code buffer_alloc(capacity_hint i64) -> i32}: a new owned mutable buffer. */
    int bufferAlloc(long hint);

    /** {@code buffer_clone(h) -> i32}: a new owned mutable copy (reason {@code host-clone}). */
    int bufferClone(int h);

    /** {@code buffer_write(h, off i64, src, len) -> i32}: 0 or an error. */
    int bufferWrite(int h, long off, int src, int len);

    /** {@code buffer_append(h, src, len) -> i32}: 0 or an error. */
    int bufferAppend(int h, int src, int len);

    /** {@code buffer_set_content_type(h, src, len) -> i32}: 0 or an error. */
    int bufferSetContentType(int h, int src, int len);

    /** {@code buffer_release(h) -> i32}: gives an owned buffer back before the call ends. */
    int bufferRelease(int h);

    /** {@code element_sequence(h) -> i64}: sequence number of the element whose payload is {@code h}. */
    long elementSequence(int h);

    /** {@code element_timestamp_ns(h) -> i64}: its timestamp. */
    long elementTimestampNs(int h);

    /** {@code emit(h, port) -> i32}: emits an owned buffer as an extra output ({@code port} −1 = default). */
    int emit(int h, int port);

    /** {@code config(dst, cap) -> i32}: copies up to {@code cap} bytes of the node's config; returns its length. */
    int config(int dst, int cap);

    /** {@code deadline_ns() -> i64}: nanoseconds left for this invocation (0 = none). */
    long deadlineNs();

    /** {@code log(level, src, len)}: a rate-limited log line (0 trace … 4 error). */
    void log(int level, int src, int len);

    /** {@code fail(kind, src, len)}: attaches a message to the error the call is about to return. */
    void fail(int kind, int src, int len);
}
