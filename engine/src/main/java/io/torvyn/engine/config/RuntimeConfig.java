package io.torvyn.engine.config;

/**
 * The `[runtime]` table with its sub-tables, every default applied. Durations are nanoseconds, sizes bytes.
 */
public record RuntimeConfig(ExecutionMode mode, int workerThreads, WaitStrategyKind waitStrategy, String wasmEngine,
                            long maxOwnedBytesPerComponent, long fuelPerInvocation, long maxMemoryPerComponent,
                            long invocationTimeoutNs, ErrorPolicy errorPolicy, SchedulingConfig scheduling,
                            BackpressureConfig backpressure, PoolsConfig pools) {
}
