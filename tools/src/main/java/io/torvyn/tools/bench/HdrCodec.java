package io.torvyn.tools.bench;

import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;

/**
 * The `hdr` field of the bench JSON: base64 of HdrHistogram's compressed encoding, so a baseline keeps the whole
 * latency distribution (its percentile curve is re-drawn next to a later run's) in a few hundred bytes.
 */
public final class HdrCodec {
    private HdrCodec() {
    }

    public static String encode(final Histogram histogram) {
        final ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        final int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        final byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The histogram of an `hdr` field; throws IllegalArgumentException when it is not one. */
    public static Histogram decode(final String base64) {
        try {
            final byte[] bytes = Base64.getDecoder().decode(base64);
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
        } catch (final DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not an HdrHistogram compressed encoding: " + e.getMessage(), e);
        }
    }
}
