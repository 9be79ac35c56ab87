package io.torvyn.engine.buffer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fallback peaks restart at what is alive now (bench excludes its warm-up). */
class FallbackPeakTest {

    @Test
    void fallbackPeaksRestartAtTheLiveFallbackBuffers() {
        try (BufferPool pool = new BufferPool(Pools.twoTiers())) {
            final BufferClient c = pool.newClient(0, "n");
            final long a = pool.allocate(c, 1000);
            final long b = pool.allocate(c, 2000);
            assertEquals(2, pool.fallbackPeak());
            assertEquals(3000, pool.fallbackBytesPeak());
            pool.release(c, b);
            pool.restartFallbackPeaks();
            assertEquals(1, pool.fallbackPeak());
            assertEquals(1000, pool.fallbackBytesPeak());
            pool.release(c, a);
            assertEquals(1000, pool.fallbackBytesPeak(), "a peak never falls by itself");
        }
    }
}
