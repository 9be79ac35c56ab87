package io.torvyn.journal.replay;

import io.torvyn.engine.buffer.BufferOps;
import io.torvyn.engine.component.ComponentFactory;
import io.torvyn.engine.config.ConfigLoader;
import io.torvyn.engine.config.ConfigResult;
import io.torvyn.engine.config.JournalConfig;
import io.torvyn.engine.config.JournalLevel;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;
import io.torvyn.engine.runtime.FlowRun;
import io.torvyn.engine.runtime.Flows;
import io.torvyn.engine.wasm.component.WasmComponentFactory;
import io.torvyn.engine.runtime.RunOptions;
import io.torvyn.engine.topology.Role;
import io.torvyn.engine.topology.Topology;
import io.torvyn.journal.ChronicleJournalFactory;
import io.torvyn.journal.RunInfo;
import io.torvyn.journal.read.Journal;
import io.torvyn.journal.read.JournalReader;
import io.torvyn.journal.record.JournalRecord;
import io.torvyn.journal.record.PayloadHash;
import io.torvyn.journal.write.ChronicleRunJournal;
import io.torvyn.journal.write.JournalOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * `torvyn replay`: runs the recorded flow again and checks it did the same thing.
 *
 * <p>At level payloads every source is replaced by a {@link ReplaySource} that emits the recorded payloads, the rest
 * of the flow runs with its current components and config, recorded into a temporary journal, and the two journals
 * are compared element by element, stage by stage, operation by operation ({@link OpSignature}: kinds, sizes,
 * copies, streams, routes, drops and emitted payload hashes). At level ops there are no payloads to feed, so the flow
 * runs again from its own sources with the recorded limit and only operation counts and sizes per stage are compared.
 */
public final class Replayer {
    private static final long REPLAY_TIMEOUT_NS = 0;

    private final Path journalPath;
    private final TorvynConfig explicitConfig;
    private final ComponentFactory factory;

    /**
     * @param config  the manifest to replay with, or null for the recorded one (the file it was read from when it is
     *                still there, else the text kept in run.json)
     * @param factory the component factory for non-source nodes, or null for the run's own (built-ins and Wasm)
     */
    public Replayer(final Path journalPath, final TorvynConfig config, final ComponentFactory factory) {
        this.journalPath = journalPath;
        this.explicitConfig = config;
        this.factory = factory;
    }

    /**
     * Replays and compares.
     *
     * @throws io.torvyn.journal.read.JournalNotFoundException E0601
     * @throws TorvynException                                 when the flow cannot be built or run (its own code)
     */
    public ReplayResult replay() throws InterruptedException {
        final Journal recorded = JournalReader.readAll(journalPath);
        final RunInfo info = recorded.info();
        final List<String> notes = new ArrayList<>();
        final TorvynConfig config = config(info, notes);
        final boolean payloads = JournalLevel.PAYLOADS.key().equals(info.level());
        final Path work;
        try {
            work = Files.createTempDirectory("torvyn-replay");
        } catch (final IOException e) {
            throw new TorvynException(new Problem(ErrorCode.E0020, "cannot create a temporary directory: "
                + e.getMessage(), "replay", "check the free space of the temporary directory"));
        }
        try {
            final List<Problem> problems = new ArrayList<>(recorded.problems());
            if (!payloads) {
                return compareOps(recorded, runAgain(config, info, work), problems, notes);
            }
            final Set<Long> unreplayable = new TreeSet<>();
            final Map<String, List<RecordedElement>> sources = recordedSources(info, recorded.records(), problems,
                unreplayable);
            final Journal replayed = runWithRecordedSources(config, info, sources, work);
            return comparePayloads(recorded, replayed, unreplayable, problems, notes);
        } finally {
            deleteTree(work);
        }
    }

    private TorvynConfig config(final RunInfo info, final List<String> notes) {
        if (explicitConfig != null) {
            return explicitConfig;
        }
        final RunInfo.ConfigInfo recorded = info.config();
        if (recorded == null || (recorded.path() == null && recorded.manifest() == null)) {
            throw new TorvynException(new Problem(ErrorCode.E0601, "the journal keeps no manifest to replay with",
                "journal " + journalPath, "pass the manifest with --manifest PATH"));
        }
        final Path file = recorded.path() == null ? null : Path.of(recorded.path());
        if (file != null && Files.isRegularFile(file)) {
            final ConfigResult loaded = ConfigLoader.load(file, System.getenv(), List.of());
            if (!loaded.problems().isEmpty()) {
                throw new TorvynException(loaded.problems().get(0));
            }
            try {
                final String now = ChronicleRunJournal.sha256(Files.readAllBytes(file));
                if (recorded.sha256() != null && !recorded.sha256().equals(now)) {
                    notes.add("the manifest " + file + " changed since the recording (sha256 " + shortHash(
                        recorded.sha256()) + " then, " + shortHash(now) + " now)");
                }
            } catch (final IOException e) {
                notes.add("cannot hash " + file + ": " + e.getMessage());
            }
            return loaded.config();
        }
        if (recorded.manifest() == null) {
            throw new TorvynException(new Problem(ErrorCode.E0001, "the recorded manifest " + file + " is gone",
                "journal " + journalPath, "pass the manifest with --manifest PATH"));
        }
        notes.add("replaying with the manifest text kept in the journal (" + file + " is gone)");
        final ConfigResult parsed = ConfigLoader.parse(recorded.manifest(), file, file == null ? null
            : file.toAbsolutePath().getParent(), System.getenv(), List.of());
        if (!parsed.problems().isEmpty()) {
            throw new TorvynException(parsed.problems().get(0));
        }
        return parsed.config();
    }

    private static String shortHash(final String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }

    // ------------------------------------------------------------------------------------------------ runs

    private Journal runWithRecordedSources(final TorvynConfig config, final RunInfo info,
                                           final Map<String, List<RecordedElement>> sources, final Path work)
        throws InterruptedException {
        return run(config, info.flow(), JournalLevel.PAYLOADS, base -> (cfg, node) -> node.role() == Role.SOURCE
            ? new ReplaySource(sources.getOrDefault(node.name(), List.of())) : base.create(cfg, node), -1, work);
    }

    private Journal runAgain(final TorvynConfig config, final RunInfo info, final Path work)
        throws InterruptedException {
        return run(config, info.flow(), JournalLevel.OPS, base -> base, info.limit(), work);
    }

    /** Runs the flow journaled into {@code work}; {@code wrap} decides how nodes are built from the run's factory. */
    private Journal run(final TorvynConfig config, final String flow, final JournalLevel level,
                        final UnaryOperator<ComponentFactory> wrap, final long limit, final Path work)
        throws InterruptedException {
        final TorvynConfig journaled = config.withJournal(new JournalConfig(level, work));
        final WasmComponentFactory wasm = Flows.wasm(journaled);
        final Topology topology;
        try {
            topology = Flows.topology(journaled, flow, Flows.roles(wasm));
        } catch (final RuntimeException e) {
            wasm.close();
            throw e;
        }
        final ComponentFactory base = factory == null ? Flows.factory(wasm) : factory;
        final FlowRun run = new FlowRun(journaled, topology, wrap.apply(base),
            new RunOptions(limit, REPLAY_TIMEOUT_NS), wasm,
            new ChronicleJournalFactory(JournalOptions.DEFAULTS.withParent(work)));
        try {
            run.start();
            run.await(0);
            if (run.journal() == null) {
                throw new TorvynException(new Problem(ErrorCode.E0900, "the replay run was not journaled",
                    "flow " + flow, "this is a bug in Torvyn: please report it"));
            }
            return JournalReader.readAll(run.journal().directory());
        } finally {
            run.close();
        }
    }

    /**
     * Each source node's recorded elements, reassembled from source-payload chunks, in emission order. An element
     * whose payload cannot be rebuilt is reported (E0600), added to {@code unreplayable} and left out.
     */
    static Map<String, List<RecordedElement>> recordedSources(final RunInfo info, final List<JournalRecord> records,
                                                              final List<Problem> problems,
                                                              final Set<Long> unreplayable) {
        final Map<String, String> types = info.end() == null || info.end().contentTypes() == null ? Map.of()
            : info.end().contentTypes();
        final Map<Long, Long> requested = new HashMap<>();
        final Map<String, Map<Long, Assembly>> byNode = new LinkedHashMap<>();
        for (final JournalRecord r : records) {
            if (r.op() == BufferOps.ALLOC || r.op() == BufferOps.FALLBACK_ALLOC) {
                requested.put(r.handle(), r.aux());
            }
            if (r.op() != BufferOps.SOURCE_PAYLOAD) {
                continue;
            }
            final Assembly a = byNode.computeIfAbsent(info.nodeName(r.node()), n -> new LinkedHashMap<>())
                .computeIfAbsent(r.elementSeq(), s -> new Assembly(r, types.get(Long.toString(r.fuel())),
                    requested.getOrDefault(r.handle(), r.aux())));
            a.add(r);
        }
        final Map<String, List<RecordedElement>> result = new LinkedHashMap<>();
        for (final Map.Entry<String, Map<Long, Assembly>> e : byNode.entrySet()) {
            final List<RecordedElement> list = new ArrayList<>();
            for (final Assembly a : e.getValue().values()) {
                final String why = a.incomplete();
                if (why == null) {
                    list.add(new RecordedElement(a.sequence, a.requested, a.bytes, a.contentType));
                } else {
                    unreplayable.add(a.sequence);
                    problems.add(new Problem(ErrorCode.E0600, "the recorded payload of element " + a.sequence
                        + " is " + why + "; it is left out of the replay", "journal queue " + a.queue + ", node "
                        + e.getKey(), "the journal was damaged; the other elements are still compared"));
                }
            }
            result.put(e.getKey(), list);
        }
        return result;
    }

    /** The chunks of one recorded payload. */
    private static final class Assembly {
        private final long sequence;
        private final String queue;
        private final String contentType;
        private final long requested;
        private final long hash;
        private final byte[] bytes;
        private long received;
        private boolean broken;

        Assembly(final JournalRecord first, final String contentType, final long requested) {
            this.sequence = first.elementSeq();
            this.queue = first.queue();
            this.contentType = contentType;
            this.requested = requested;
            this.hash = first.payloadHash();
            this.bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(0, first.aux()))];
        }

        void add(final JournalRecord chunk) {
            final long end = chunk.offset() + chunk.payload().length;
            if (chunk.aux() != bytes.length || end > bytes.length) {
                broken = true;
                return;
            }
            System.arraycopy(chunk.payload(), 0, bytes, (int) chunk.offset(), chunk.payload().length);
            received += chunk.payload().length;
        }

        String incomplete() {
            if (broken) {
                return "inconsistent (chunks disagree on its length)";
            }
            if (received != bytes.length) {
                return "incomplete (" + received + " of " + bytes.length + " bytes)";
            }
            if (PayloadHash.hash(bytes) != hash) {
                return "not what was published (hash mismatch)";
            }
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------------ comparison

    private static ReplayResult comparePayloads(final Journal recorded, final Journal replayed,
                                                final Set<Long> excluded, final List<Problem> problems,
                                                final List<String> notes) {
        final RunInfo ri = recorded.info();
        final RunInfo pi = replayed.info();
        final Map<Long, Map<String, List<String>>> expected = paths(recorded, ri);
        final Map<Long, Map<String, List<String>>> actual = paths(replayed, pi);
        final List<String> order = nodeOrder(ri, pi);
        long elements = 0;
        long operations = 0;
        for (final Map.Entry<Long, Map<String, List<String>>> e : expected.entrySet()) {
            final long seq = e.getKey();
            if (excluded.contains(seq)) {
                continue;
            }
            final Map<String, List<String>> act = actual.remove(seq);
            final String label = seq < 0 ? "the flow (no element)" : "element " + seq;
            if (act == null) {
                final String stage = e.getValue().keySet().iterator().next();
                return diverged(ri, elements, operations, problems, notes, new ReplayResult.Divergence(label, stage,
                    -1, "it to pass " + String.join(", ", e.getValue().keySet()), "it never appeared in the replay",
                    where(recorded, label, stage)));
            }
            for (final String stage : stagesOf(order, e.getValue(), act)) {
                final List<String> exp = e.getValue().getOrDefault(stage, List.of());
                final List<String> got = act.getOrDefault(stage, List.of());
                for (int i = 0; i < Math.max(exp.size(), got.size()); i++) {
                    final String x = i < exp.size() ? exp.get(i) : null;
                    final String y = i < got.size() ? got.get(i) : null;
                    if (x == null || !x.equals(y)) {
                        return diverged(ri, elements, operations, problems, notes, new ReplayResult.Divergence(
                            label, stage, i, x == null ? "nothing more" : "`" + x + "`",
                            y == null ? "nothing more" : "`" + y + "`", where(recorded, label, stage)));
                    }
                    operations++;
                }
            }
            if (seq >= 0) {
                elements++;
            }
        }
        for (final Map.Entry<Long, Map<String, List<String>>> extra : actual.entrySet()) {
            if (excluded.contains(extra.getKey())) {
                continue;
            }
            final String label = extra.getKey() < 0 ? "the flow (no element)" : "element " + extra.getKey();
            final String stage = extra.getValue().keySet().iterator().next();
            return diverged(ri, elements, operations, problems, notes, new ReplayResult.Divergence(label, stage,
                0, "nothing (it is not in the recording)", "`" + extra.getValue().get(stage).get(0) + "`",
                where(recorded, label, stage)));
        }
        return new ReplayResult(ri.level(), elements, operations, null, List.copyOf(problems), List.copyOf(notes));
    }

    private static ReplayResult diverged(final RunInfo ri, final long elements, final long operations,
                                         final List<Problem> problems, final List<String> notes,
                                         final ReplayResult.Divergence d) {
        return new ReplayResult(ri.level(), elements, operations, d, List.copyOf(problems), List.copyOf(notes));
    }

    private static String where(final Journal recorded, final String element, final String stage) {
        return "journal " + recorded.result().directory() + ", " + element + ", node " + stage;
    }

    /** Per element, per stage name: the stage's comparable operations in order (source stages: publishes only). */
    private static Map<Long, Map<String, List<String>>> paths(final Journal journal, final RunInfo info) {
        final Map<Long, Map<String, List<String>>> paths = new TreeMap<>();
        for (final JournalRecord r : journal.records()) {
            if (r.node() < 0) {
                continue;
            }
            final RunInfo.NodeInfo node = info.node(r.node());
            final boolean source = node != null && "source".equals(node.role());
            if (source && r.op() != BufferOps.PUBLISH) {
                continue;
            }
            final String sig = OpSignature.of(r, info);
            if (sig == null) {
                continue;
            }
            paths.computeIfAbsent(r.elementSeq(), s -> new LinkedHashMap<>())
                .computeIfAbsent(info.nodeName(r.node()), n -> new ArrayList<>()).add(sig);
        }
        return paths;
    }

    private static List<String> nodeOrder(final RunInfo recorded, final RunInfo replayed) {
        final Set<String> order = new LinkedHashSet<>();
        recorded.nodes().stream().sorted(Comparator.comparingInt(RunInfo.NodeInfo::index))
            .forEach(n -> order.add(n.name()));
        replayed.nodes().stream().sorted(Comparator.comparingInt(RunInfo.NodeInfo::index))
            .forEach(n -> order.add(n.name()));
        return new ArrayList<>(order);
    }

    private static List<String> stagesOf(final List<String> order, final Map<String, List<String>> a,
                                         final Map<String, List<String>> b) {
        final List<String> stages = new ArrayList<>();
        for (final String n : order) {
            if (a.containsKey(n) || b.containsKey(n)) {
                stages.add(n);
            }
        }
        return stages;
    }

    private static ReplayResult compareOps(final Journal recorded, final Journal replayed,
                                           final List<Problem> problems, final List<String> notes) {
        final RunInfo ri = recorded.info();
        final RunInfo pi = replayed.info();
        final Map<String, Map<String, long[]>> expected = totals(recorded, ri);
        final Map<String, Map<String, long[]>> actual = totals(replayed, pi);
        long operations = 0;
        for (final String stage : nodeOrder(ri, pi)) {
            final Map<String, long[]> exp = expected.getOrDefault(stage, Map.of());
            final Map<String, long[]> got = actual.getOrDefault(stage, Map.of());
            final Set<String> kinds = new TreeSet<>(exp.keySet());
            kinds.addAll(got.keySet());
            for (final String kind : kinds) {
                final long[] x = exp.getOrDefault(kind, new long[3]);
                final long[] y = got.getOrDefault(kind, new long[3]);
                if (x[0] != y[0] || x[1] != y[1] || x[2] != y[2]) {
                    return diverged(ri, distinctElements(recorded), operations, problems, notes,
                        new ReplayResult.Divergence("the run (level ops: totals per stage)", stage, -1,
                            describe(kind, x), describe(kind, y), "journal " + recorded.result().directory()
                            + ", node " + stage));
                }
                operations += x[0];
            }
        }
        return new ReplayResult(ri.level(), distinctElements(recorded), operations, null, List.copyOf(problems),
            List.copyOf(notes));
    }

    private static String describe(final String kind, final long[] t) {
        return t[0] + " × " + kind + " (" + t[1] + "B, " + t[2] + "B copied)";
    }

    /** Per stage name, per operation kind: count, summed size, summed copied bytes. */
    private static Map<String, Map<String, long[]>> totals(final Journal journal, final RunInfo info) {
        final Map<String, Map<String, long[]>> totals = new LinkedHashMap<>();
        for (final JournalRecord r : journal.records()) {
            if (r.node() < 0 || OpSignature.of(r, info) == null) {
                continue;
            }
            final long[] t = totals.computeIfAbsent(info.nodeName(r.node()), n -> new TreeMap<>())
                .computeIfAbsent(OpSignature.kind(r), k -> new long[3]);
            t[0]++;
            t[1] += OpSignature.size(r);
            t[2] += r.copiedBytes();
        }
        return totals;
    }

    private static long distinctElements(final Journal journal) {
        return journal.records().stream().mapToLong(JournalRecord::elementSeq).filter(s -> s >= 0).distinct()
            .count();
    }

    private static void deleteTree(final Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (final IOException | RuntimeException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
