package io.torvyn.perf.baseline;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.perf.Scenario;
import io.torvyn.perf.harness.RoundMetrics;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The plain-Java twin of an engine row: the same per-element work, done in a loop on one thread with no engine, no
 * sandbox and no hand-off, so the engine row's ratio against it is the whole price of running that work as a
 * component in a flow. Payloads live off-heap like the engine's pooled buffers and every copy the engine row makes is
 * made here too (the source writes the payload; a processor reads it into its own memory and writes its output; a
 * sink that reads, reads), so the copies per element match the twin's engine row.
 *
 * <pre>
 *   for each element:  fill payload ─► [work] ─► count
 *     FILTER     size &lt;= max_bytes                           (1 copy: the source's write)
 *     UPPERCASE  read into scratch, upper-case, write output  (3 copies: write, read, write)
 *     HASH       read 1 KiB into scratch, FNV-1a 64           (2 copies: write, read)
 *     COPY       read into the sink                           (2 copies: write, read)
 * </pre>
 */
public final class PlainJavaTwin implements Scenario {

    /** The per-element work. */
    public enum Work {
        FILTER(1), UPPERCASE(3), HASH(2), COPY(2);

        private final int copies;

        Work(final int copies) {
            this.copies = copies;
        }
    }

    private final String name;
    private final String group;
    private final Work work;
    private final int size;
    private final long eventsDivisor;
    private final ByteBuffer payload;
    private final ByteBuffer output;
    private final byte[] scratch;
    private final byte[] text;
    private long checksum;

    public PlainJavaTwin(final String name, final String group, final Work work, final int size,
                         final long eventsDivisor) {
        this.name = name;
        this.group = group;
        this.work = work;
        this.size = size;
        this.eventsDivisor = eventsDivisor;
        this.payload = ByteBuffer.allocateDirect(size);
        this.output = ByteBuffer.allocateDirect(size);
        this.scratch = new byte[size];
        this.text = new byte[size + 26];
        for (int b = 0; b < text.length; b++) {
            text[b] = (byte) ('a' + b % 26);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String group() {
        return group;
    }

    @Override
    public String description() {
        return "plain-Java twin: " + work.name().toLowerCase() + " of " + size + "-byte payloads in a loop";
    }

    @Override
    public long events(final long suiteEvents) {
        return Math.max(1, suiteEvents / eventsDivisor);
    }

    @Override
    public List<String> references() {
        return List.of();
    }

    @Override
    public long run(final long events) {
        long sum = 0;
        long passed = 0;
        for (long i = 0; i < events; i++) {
            fill(i);
            switch (work) {
                case FILTER -> passed += payload.limit() <= 1024 ? 1 : 0;
                case UPPERCASE -> {
                    payload.get(0, scratch, 0, size);
                    for (int b = 0; b < size; b++) {
                        final int c = scratch[b];
                        if (c >= 'a' && c <= 'z') {
                            scratch[b] = (byte) (c - 32);
                        }
                    }
                    output.put(0, scratch, 0, size);
                    sum += output.get(size - 1);
                    passed++;
                }
                case HASH -> {
                    payload.get(0, scratch, 0, size);
                    long h = 0xcbf29ce484222325L;
                    for (int b = 0; b < size; b++) {
                        h = (h ^ (scratch[b] & 0xff)) * 0x100000001b3L;
                    }
                    sum += h;
                    passed++;
                }
                case COPY -> {
                    payload.get(0, scratch, 0, size);
                    sum += scratch[size - 1];
                    passed++;
                }
                default -> throw new IllegalStateException(work.name());
            }
        }
        checksum = sum;
        if (passed != events) {
            throw new TorvynException(ErrorCode.E0900, name + " passed " + passed + " of " + events,
                "perf scenario " + name, "a bug in the twin");
        }
        return passed;
    }

    /** The payload of element {@code i}: lower-case text with the element number in its first bytes. */
    private void fill(final long i) {
        payload.put(0, text, (int) (i % 26), size);
        payload.putLong(0, i);
    }

    @Override
    public RoundMetrics metrics() {
        return RoundMetrics.copies(work.copies);
    }

    /** The last round's checksum (keeps the work observable). */
    public long checksum() {
        return checksum;
    }
}
