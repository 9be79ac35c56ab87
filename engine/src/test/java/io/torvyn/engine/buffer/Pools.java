package io.torvyn.engine.buffer;

import io.torvyn.engine.config.ExhaustionPolicy;
import io.torvyn.engine.config.PoolsConfig;
import io.torvyn.engine.config.TierConfig;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Small pool configurations and assertions shared by the buffer tests. */
final class Pools {
    private Pools() {
    }

    static PoolsConfig config(final ExhaustionPolicy policy, final long maxBufferSize, final TierConfig... tiers) {
        return new PoolsConfig(List.of(tiers), policy, maxBufferSize);
    }

    /** small 64 B × 4, medium 512 B × 2, max_buffer_size 8 KiB, fallback-alloc. */
    static PoolsConfig twoTiers() {
        return config(ExhaustionPolicy.FALLBACK_ALLOC, 8192, new TierConfig("small", 64, 4),
            new TierConfig("medium", 512, 2));
    }

    static TorvynException assertCode(final ErrorCode code, final Executable action) {
        final TorvynException e = assertThrows(TorvynException.class, action);
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    static byte[] pattern(final int length, final int seed) {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed * 31 + i * 7);
        }
        return bytes;
    }
}
