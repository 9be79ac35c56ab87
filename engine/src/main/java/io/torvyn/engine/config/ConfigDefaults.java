package io.torvyn.engine.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The defaults of spec/config.md in one place. The loader fills every absent key from here, and code or tests that
 * build a model by hand start from the same values, so "the default" never has two meanings.
 */
public final class ConfigDefaults {

    /** The ABI contract this host serves; any 0.1.x is accepted. */
    public static final String CONTRACT_VERSION = "0.1.0";

    public static final ExecutionMode MODE = ExecutionMode.SHARED;
    public static final int WORKER_THREADS = 0;
    public static final WaitStrategyKind WAIT_STRATEGY = WaitStrategyKind.SLEEPING;
    public static final String WASM_ENGINE = "chicory";
    public static final long MAX_OWNED_BYTES_PER_COMPONENT = 64L << 20;
    public static final long FUEL_PER_INVOCATION = 1_000_000L;
    public static final long MAX_MEMORY_PER_COMPONENT = 64L << 20;
    public static final long INVOCATION_TIMEOUT_NS = 5_000_000_000L;
    public static final ErrorPolicy ERROR_POLICY = ErrorPolicy.FAIL_FAST;
    public static final CpuAffinity CPU_AFFINITY = CpuAffinity.NONE;

    public static final int YIELD_BATCH = 32;
    public static final long YIELD_QUANTUM_NS = 100_000L;
    public static final int BATCH_SIZE = 32;

    public static final int DEFAULT_QUEUE_DEPTH = 64;
    public static final BackpressurePolicy BACKPRESSURE_POLICY = BackpressurePolicy.BLOCK;
    public static final double LOW_WATERMARK_RATIO = 0.5;

    /** Tier names, smallest first; {@link PoolsConfig#tiers()} always lists them in this order. */
    public static final List<String> TIER_NAMES = List.of("small", "medium", "large", "huge");
    public static final List<TierConfig> TIERS = List.of(
        new TierConfig("small", 256, 4096),
        new TierConfig("medium", 4 << 10, 1024),
        new TierConfig("large", 64 << 10, 256),
        new TierConfig("huge", 1 << 20, 32));
    public static final ExhaustionPolicy EXHAUSTION_POLICY = ExhaustionPolicy.FALLBACK_ALLOC;
    public static final long MAX_BUFFER_SIZE = 16L << 20;

    public static final JournalLevel JOURNAL_LEVEL = JournalLevel.OFF;
    public static final String JOURNAL_PATH = ".torvyn/journal";

    public static final ObservabilityLevel OBSERVABILITY_LEVEL = ObservabilityLevel.PRODUCTION;
    public static final String PROMETHEUS = "off";

    /** `[runtime.scheduling] placement`: stages of an unpinned shared flow go where they measure fastest. */
    public static final StagePlacement STAGE_PLACEMENT = StagePlacement.MEASURED;
    /** Largest accepted `queue_depth`, so the ring (the next power of two) still fits an int. */
    public static final int MAX_QUEUE_DEPTH = 1 << 30;
    /** Most output ports a router may declare, and most edges on one port or into one node. */
    public static final int MAX_FAN = 16;

    private ConfigDefaults() {
    }

    public static SchedulingConfig scheduling() {
        return new SchedulingConfig(YIELD_BATCH, YIELD_QUANTUM_NS, BATCH_SIZE, STAGE_PLACEMENT);
    }

    public static BackpressureConfig backpressure() {
        return new BackpressureConfig(DEFAULT_QUEUE_DEPTH, BACKPRESSURE_POLICY, LOW_WATERMARK_RATIO);
    }

    public static PoolsConfig pools() {
        return new PoolsConfig(TIERS, EXHAUSTION_POLICY, MAX_BUFFER_SIZE);
    }

    public static RuntimeConfig runtime() {
        return new RuntimeConfig(MODE, WORKER_THREADS, WAIT_STRATEGY, WASM_ENGINE, MAX_OWNED_BYTES_PER_COMPONENT,
            FUEL_PER_INVOCATION, MAX_MEMORY_PER_COMPONENT, INVOCATION_TIMEOUT_NS, ERROR_POLICY, scheduling(),
            backpressure(), pools(), CPU_AFFINITY);
    }

    /** `[journal]` defaults with the path resolved against {@code baseDir} (the current directory when null). */
    public static JournalConfig journal(final Path baseDir) {
        final Path path = Path.of(JOURNAL_PATH);
        return new JournalConfig(JOURNAL_LEVEL, baseDir == null ? path : baseDir.resolve(path).normalize());
    }

    public static ObservabilityConfig observability() {
        return new ObservabilityConfig(OBSERVABILITY_LEVEL, PROMETHEUS);
    }
}
