package io.torvyn.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The {@code run.json} header of a journal directory: everything a reader needs to make sense of the binary records
 * (node, stream and tier names by index, which queue holds which node) and everything replay needs to run the same
 * flow again (the manifest text and its hash, seeds, module hashes, the run's limit). Written when the run starts and
 * rewritten with {@link #end()} when it finishes, so a journal whose run was killed still has its header.
 *
 * @param schema        version of this header's shape
 * @param recordVersion {@link io.torvyn.journal.record.JournalRecordDescriptor#VERSION} of the records
 * @param level         "ops" or "payloads"
 * @param started       wall-clock start, ISO-8601 UTC
 * @param startNs       the monotonic time of flow-start, the origin of every {@code time_ns}
 * @param limit         the run's `--limit` (negative: none)
 * @param queues        the queue directories under {@code queues/}, flow queue first
 * @param blockSize     the queues' Chronicle block size (a reader uses it to spot a data file cut short)
 * @param end           what the run ended with; null while it runs (or when it was killed)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunInfo(int schema, String format, int recordVersion, String level, String flow, String started,
                      long startNs, ConfigInfo config, long limit, List<NodeInfo> nodes, List<StreamInfo> streams,
                      List<TierInfo> tiers, List<String> queues, long blockSize, EndInfo end) {

    public static final int SCHEMA = 1;
    public static final String FORMAT = "torvyn-journal";
    public static final String FILE_NAME = "run.json";
    public static final String QUEUES_DIR = "queues";
    public static final String FLOW_QUEUE = "flow";

    private static final ObjectMapper JSON = new ObjectMapper()
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The manifest the run was started from: where it was, its SHA-256 and its text (null when built in code). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConfigInfo(String path, String sha256, String manifest) {
    }

    /**
     * One node: its index is the {@code node} field of its records.
     *
     * @param moduleSha256 SHA-256 of the node's Wasm module, null for a built-in
     * @param seed         a generator's seed, else null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NodeInfo(int index, String name, String role, String component, String config, String queue,
                           String moduleSha256, Long seed) {
    }

    /** One stream: its index is the {@code aux} of publish, consume, drop and backpressure records. */
    public record StreamInfo(int index, String label, int from, int port, int to, int capacity, String policy) {
    }

    /** One pool tier: its index is the {@code tier} field. */
    public record TierInfo(int index, String name, int bufferSize, int count) {
    }

    /**
     * The end of the run.
     *
     * @param records             {@code journal.records}
     * @param bytes               {@code journal.bytes}
     * @param journalBackpressure times a stage waited for the journal
     * @param lost                records dropped because the journal had stopped (0 unless it failed)
     * @param contentTypes        content-type ids used by source-payload records, by id
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EndInfo(String ended, long endNs, long records, long bytes, long journalBackpressure, long lost,
                          long elements, long copies, long copyBytes, int exitCode, String outcome,
                          Map<String, String> contentTypes) {
    }

    /** This header with {@code newEnd}. */
    public RunInfo withEnd(final EndInfo newEnd) {
        return new RunInfo(schema, format, recordVersion, level, flow, started, startNs, config, limit, nodes,
            streams, tiers, queues, blockSize, newEnd);
    }

    /** The node with index {@code index}, or null. */
    public NodeInfo node(final int index) {
        return index >= 0 && index < nodes.size() ? nodes.get(index) : null;
    }

    /** The node called {@code name}, or null. */
    public NodeInfo node(final String name) {
        for (final NodeInfo n : nodes) {
            if (n.name().equals(name)) {
                return n;
            }
        }
        return null;
    }

    /** The name of node {@code index}, or "node-INDEX" for an index the header does not know. */
    public String nodeName(final int index) {
        final NodeInfo n = node(index);
        return n == null ? (index < 0 ? "flow" : "node-" + index) : n.name();
    }

    /** The label of stream {@code index}, or "stream-INDEX". */
    public String streamLabel(final long index) {
        return index >= 0 && index < streams.size() ? streams.get((int) index).label() : "stream-" + index;
    }

    /** The name of tier {@code index}, or "fallback" for -1 and "tier-INDEX" for an unknown one. */
    public String tierName(final int index) {
        if (index >= 0 && index < tiers.size()) {
            return tiers.get(index).name();
        }
        return index < 0 ? "fallback" : "tier-" + index;
    }

    /** Writes this header to {@code dir/run.json}, atomically replacing an earlier one. */
    public void write(final Path dir) throws IOException {
        final Path tmp = dir.resolve(FILE_NAME + ".tmp");
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads {@code dir/run.json}. */
    public static RunInfo read(final Path dir) throws IOException {
        return JSON.readValue(dir.resolve(FILE_NAME).toFile(), RunInfo.class);
    }

    /** This header as JSON text. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
