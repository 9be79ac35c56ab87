package io.torvyn.engine.wasm.instrument;

/**
 * The limits of one linear memory as declared in the import or memory section, and their re-encoding with a lowered
 * maximum. 64-bit memories are read (so they can be skipped) but not capped; custom page sizes are refused because
 * their page arithmetic differs.
 *
 * @param flags    the limits flag byte (bit 0: has maximum, bit 1: shared, bit 2: 64-bit)
 * @param minimum  initial size in 64 KiB pages
 * @param maximum  declared maximum in pages, or -1 when absent
 */
record MemoryLimits(int flags, long minimum, long maximum) {
    static final int HAS_MAXIMUM = 0x01;
    static final int MEMORY64 = 0x04;
    private static final int KNOWN_FLAGS = 0x07;

    static MemoryLimits read(final WasmReader in) {
        final int start = in.position();
        final int flags = in.u8();
        if ((flags & ~KNOWN_FLAGS) != 0) {
            throw new UnsupportedInstructionException(
                String.format("memory limits flags 0x%02x (custom page sizes)", flags), start);
        }
        final boolean is64 = (flags & MEMORY64) != 0;
        final long minimum = is64 ? in.u64() : in.u32() & 0xFFFF_FFFFL;
        final long maximum = (flags & HAS_MAXIMUM) == 0 ? -1 : is64 ? in.u64() : in.u32() & 0xFFFF_FFFFL;
        return new MemoryLimits(flags, minimum, maximum);
    }

    /** True when the declared maximum is absent or above {@code capPages}. */
    boolean exceeds(final long capPages) {
        return maximum < 0 || maximum > capPages;
    }

    MemoryLimits cappedAt(final long capPages) {
        final long lowered = exceeds(capPages) ? capPages : maximum;
        return new MemoryLimits(flags | HAS_MAXIMUM, minimum, lowered);
    }

    boolean is64() {
        return (flags & MEMORY64) != 0;
    }

    void write(final WasmOutput out) {
        out.u8(flags).u32(minimum);
        if ((flags & HAS_MAXIMUM) != 0) {
            out.u32(maximum);
        }
    }
}
