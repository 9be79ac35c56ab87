package io.torvyn.engine.builtin;

import io.torvyn.engine.buffer.BufferClient;
import io.torvyn.engine.buffer.BufferPool;
import io.torvyn.engine.component.ComponentContext;
import io.torvyn.engine.component.Emitter;
import io.torvyn.engine.component.SourceComponent;
import net.openhft.chronicle.bytes.BytesStore;

import java.util.SplittableRandom;
import java.util.Set;

/**
 * `builtin:generator`: a deterministic source for benchmarks and demos. Each payload is composed in a private off-heap
 * scratch area (not a pool buffer, so not a counted copy) and written once into a pooled buffer: one `payload-write`
 * per element, as the spec's copy model says. With a `rate`, elements are scheduled at fixed intervals and carry
 * their intended emit time, so latency can be corrected for coordinated omission.
 * <p>
 * Patterns: `sequence` (the element index as a little-endian long, then bytes {@code position & 0xff}),
 * `random` (a window into a seeded random block, different per element), `text` (printable ASCII:
 * "element N " then a repeating filler). Only the per-element prefix is rewritten for each element.
 */
public final class GeneratorSource implements SourceComponent {
    static final Set<String> KEYS = Set.of("count", "size", "rate", "content_type", "pattern", "seed");
    private static final int RANDOM_WINDOW = 4096;
    private static final int SEQUENCE = 0;
    private static final int RANDOM = 1;
    private static final int TEXT = 2;
    private static final byte[] FILLER = "the quick brown fox jumps over the lazy dog. ".getBytes();
    private static final byte[] WORD = "element ".getBytes();

    private final long count;
    private final int size;
    private final long periodNs;
    private final String contentType;
    private final String pattern;
    private final int patternKind;
    private final long seed;

    private BytesStore<?, Void> scratch;
    private long scratchAddress;
    private int contentTypeId;
    private long emitted;
    private long startNs;

    public GeneratorSource(final String json, final String where) {
        final BuiltinConfig cfg = BuiltinConfig.parse(json, where, KEYS);
        this.count = cfg.has("count") ? cfg.integer("count", 0, 0) : -1;
        this.size = (int) cfg.size("size", 64);
        final double rate = cfg.number("rate", 0);
        this.periodNs = rate > 0 ? Math.max(1, (long) (1_000_000_000L / rate)) : 0;
        this.contentType = cfg.string("content_type", "application/octet-stream");
        this.pattern = cfg.string("pattern", "sequence");
        if (!pattern.equals("sequence") && !pattern.equals("random") && !pattern.equals("text")) {
            throw BuiltinConfig.invalid(where + " (key `pattern`)",
                "`pattern`: expected one of sequence, random, text, found \"" + pattern + "\"",
                "use \"sequence\", \"random\" or \"text\"");
        }
        this.patternKind = pattern.equals("random") ? RANDOM : pattern.equals("text") ? TEXT : SEQUENCE;
        this.seed = cfg.integer("seed", 0, Long.MIN_VALUE);
    }

    public long count() {
        return count;
    }

    public int size() {
        return size;
    }

    public long seed() {
        return seed;
    }

    @Override
    public void open(final ComponentContext ctx) {
        final int scratchSize = pattern.equals("random") ? size + RANDOM_WINDOW : Math.max(size, 8);
        scratch = BytesStore.nativeStoreWithFixedCapacity(scratchSize);
        scratchAddress = scratch.addressForWrite(0);
        if (pattern.equals("random")) {
            final SplittableRandom random = new SplittableRandom(seed);
            for (int i = 0; i < scratchSize; i++) {
                scratch.writeByte(i, (byte) random.nextInt(256));
            }
        } else if (pattern.equals("text")) {
            for (int i = 0; i < scratchSize; i++) {
                scratch.writeByte(i, FILLER[i % FILLER.length]);
            }
        } else {
            for (int i = 0; i < scratchSize; i++) {
                scratch.writeByte(i, (byte) i);
            }
        }
        contentTypeId = ctx.contentTypes().register(contentType);
        startNs = System.nanoTime();
    }

    @Override
    public void close(final ComponentContext ctx) {
        if (scratch != null) {
            scratch.releaseLast();
            scratch = null;
        }
    }

    @Override
    public int pull(final ComponentContext ctx, final Emitter out, final int max) {
        if (count >= 0 && emitted >= count) {
            return END_OF_STREAM;
        }
        int n = max;
        if (count >= 0) {
            n = (int) Math.min(n, count - emitted);
        }
        final long now = System.nanoTime();
        if (periodNs > 0) {
            final long due = (now - startNs) / periodNs + 1 - emitted;
            n = (int) Math.min(n, Math.max(0, due));
            if (n == 0) {
                ctx.pauseUntil(startNs + emitted * periodNs);
                return 0;
            }
        }
        final BufferPool pool = ctx.pool();
        final BufferClient client = ctx.client();
        final long firstSeq = ctx.nextSequences(n);
        for (int i = 0; i < n; i++) {
            final long index = emitted + i;
            final long seq = firstSeq + i;
            client.elementSeq = seq;
            final long h = pool.allocateWritten(client, payloadAddress(index), size, contentTypeId);
            final long intended = periodNs > 0 ? startNs + index * periodNs : now;
            out.emitNew(h, seq, now, intended, Emitter.DEFAULT_PORT);
        }
        emitted += n;
        return n;
    }

    private long payloadAddress(final long index) {
        switch (patternKind) {
            case RANDOM:
                return scratchAddress + (index * 61) % RANDOM_WINDOW;
            case TEXT:
                writeTextPrefix(index);
                return scratchAddress;
            default:
                writeSequence(index);
                return scratchAddress;
        }
    }

    private void writeSequence(final long index) {
        if (size >= 8) {
            scratch.writeLong(0, index);
        } else {
            for (int i = 0; i < size; i++) {
                scratch.writeByte(i, (byte) (index >>> (8 * i)));
            }
        }
    }

    private void writeTextPrefix(final long index) {
        int pos = 0;
        for (int i = 0; i < WORD.length && pos < size; i++) {
            scratch.writeByte(pos++, WORD[i]);
        }
        long div = 1;
        while (index / div >= 10) {
            div *= 10;
        }
        for (long d = div; d > 0 && pos < size; d /= 10) {
            scratch.writeByte(pos++, (byte) ('0' + (index / d) % 10));
        }
        if (pos < size) {
            scratch.writeByte(pos, (byte) ' ');
        }
    }
}
