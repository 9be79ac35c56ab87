package io.torvyn.engine.config;

/**
 * The `[runtime]` table with its sub-tables, every default applied. Durations are nanoseconds, sizes bytes.
 */
public record RuntimeConfig(ExecutionMode mode, int workerThreads, WaitStrategyKind waitStrategy, String wasmEngine,
                            long maxOwnedBytesPerComponent, long fuelPerInvocation, long maxMemoryPerComponent,
                            long invocationTimeoutNs, ErrorPolicy errorPolicy, SchedulingConfig scheduling,
                            BackpressureConfig backpressure, PoolsConfig pools, CpuAffinity cpuAffinity) {

    /** Without core placement (the default {@code cpu_affinity}). */
    public RuntimeConfig(final ExecutionMode mode, final int workerThreads, final WaitStrategyKind waitStrategy,
                         final String wasmEngine, final long maxOwnedBytesPerComponent, final long fuelPerInvocation,
                         final long maxMemoryPerComponent, final long invocationTimeoutNs,
                         final ErrorPolicy errorPolicy, final SchedulingConfig scheduling,
                         final BackpressureConfig backpressure, final PoolsConfig pools) {
        this(mode, workerThreads, waitStrategy, wasmEngine, maxOwnedBytesPerComponent, fuelPerInvocation,
            maxMemoryPerComponent, invocationTimeoutNs, errorPolicy, scheduling, backpressure, pools,
            CpuAffinity.NONE);
    }

    /** This runtime with another execution mode, wait strategy and placement (benchmark profiles). */
    public RuntimeConfig withPlacement(final ExecutionMode newMode, final WaitStrategyKind newWait,
                                       final CpuAffinity newAffinity) {
        return new RuntimeConfig(newMode, workerThreads, newWait, wasmEngine, maxOwnedBytesPerComponent,
            fuelPerInvocation, maxMemoryPerComponent, invocationTimeoutNs, errorPolicy, scheduling, backpressure,
            pools, newAffinity);
    }
}
