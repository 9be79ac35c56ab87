package io.torvyn.engine.buffer;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;

/**
 * Builds the pool's user-visible failures (spec errors.md, E030x and E0310) off the hot path, so the pool's
 * operations stay short and every message, location and help line is written in one place.
 */
final class BufferErrors {
    private static final String POOL = "buffer pool";

    private BufferErrors() {
    }

    static TorvynException stale(final BufferClient c, final long handle, final int currentGeneration) {
        final String current = currentGeneration == 0 ? "" : ", the slot is at gen " + currentGeneration;
        return new TorvynException(ErrorCode.E0303, "stale buffer handle 0x" + Long.toHexString(handle) + " ("
            + HandleDescriptor.describe(handle) + current + ")", where(c),
            "a handle is valid only until its last release; do not keep handles across calls or reuse released ones");
    }

    static TorvynException foreign(final BufferClient c, final long handle) {
        return new TorvynException(ErrorCode.E0303, "buffer handle 0x" + Long.toHexString(handle)
            + " does not belong to this pool", where(c), "pass only handles the host gave you in this run");
    }

    static TorvynException notOwner(final BufferClient c, final long handle, final String action, final int state,
                                    final int owner) {
        final String why = state == BufferState.OWNED
            ? "it is owned by node " + owner
            : "it is " + BufferState.name(state) + " and read-only";
        return new TorvynException(ErrorCode.E0302, "node '" + c.nodeName + "' may not " + action + " buffer "
            + HandleDescriptor.describe(handle) + ": " + why, where(c),
            "only the owning component writes a buffer; allocate a new buffer (or clone this one) to change a payload");
    }

    static TorvynException writePastCapacity(final BufferClient c, final long handle, final long offset,
                                             final long length, final int capacity) {
        return new TorvynException(ErrorCode.E0305, "write of " + length + " bytes at offset " + offset
            + " exceeds the capacity of buffer " + HandleDescriptor.describe(handle) + " (" + capacity + " bytes)",
            where(c), "allocate a buffer as large as the payload: its requested size fixes its capacity");
    }

    static TorvynException badRange(final BufferClient c, final long offset, final long length) {
        return new TorvynException(ErrorCode.E0305, "invalid buffer range: offset " + offset + ", length " + length,
            where(c), "offsets and lengths must be >= 0 and within the buffer");
    }

    static TorvynException tooLarge(final BufferClient c, final long requested, final long maxBufferSize) {
        return new TorvynException(ErrorCode.E0305, "a buffer of " + requested + " bytes exceeds max_buffer_size ("
            + maxBufferSize + " bytes)", where(c) + ", runtime.pools.max_buffer_size",
            "raise runtime.pools.max_buffer_size or split the payload into smaller elements");
    }

    static TorvynException exhausted(final BufferClient c, final String tier, final int bufferSize,
                                     final int count) {
        return new TorvynException(ErrorCode.E0301, "pool tier '" + tier + "' (" + count + " × " + bufferSize
            + " B) is exhausted and exhaustion_policy = \"error\"", where(c) + ", runtime.pools." + tier,
            "raise runtime.pools." + tier + ".count, release buffers sooner, or set exhaustion_policy = "
                + "\"fallback-alloc\"");
    }

    static TorvynException noTier(final BufferClient c, final long requested, final String largest,
                                  final int largestSize) {
        final String tiers = largest == null ? "there are no pool tiers" : "the largest tier is '" + largest + "' ("
            + largestSize + " B)";
        return new TorvynException(ErrorCode.E0301, "no pool tier holds " + requested + " bytes (" + tiers
            + ") and exhaustion_policy = \"error\"", where(c) + ", runtime.pools",
            "add a larger tier or set exhaustion_policy = \"fallback-alloc\"");
    }

    static TorvynException budget(final BufferClient c, final long wanted, final long owned) {
        return new TorvynException(ErrorCode.E0310, "node '" + c.nodeName + "' would own " + (owned + wanted)
            + " bytes of buffers, past its max_owned_bytes budget of " + c.maxOwnedBytes + " bytes", where(c),
            "hand off or release buffers sooner, or raise max_owned_bytes for this node");
    }

    static TorvynException fallbackSlotsExhausted(final BufferClient c, final int slots) {
        return new TorvynException(ErrorCode.E0300, "all " + slots + " fallback buffer slots are in use", where(c),
            "raise the pool tier counts so fewer allocations fall back, or release buffers sooner");
    }

    static TorvynException allocatorFailed(final BufferClient c, final long bytes, final Throwable cause) {
        return new TorvynException(new Problem(ErrorCode.E0300,
            "the system allocator could not provide " + bytes + " bytes of off-heap memory: " + cause, where(c),
            "lower runtime.pools counts or max_buffer_size, or give the machine more memory"), cause);
    }

    static TorvynException closed() {
        return new TorvynException(ErrorCode.E0900, "the buffer pool is closed", POOL,
            "this is a bug in Torvyn: please report it with the journal path");
    }

    static TorvynException internal(final String what) {
        return new TorvynException(ErrorCode.E0900, what, POOL,
            "this is a bug in Torvyn: please report it with the journal path");
    }

    private static String where(final BufferClient c) {
        return c == null ? POOL : c.where;
    }
}
