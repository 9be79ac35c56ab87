package io.torvyn.perf.jmh;

import io.github.kawamuray.wasmtime.Config;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Global;
import io.github.kawamuray.wasmtime.Linker;
import io.github.kawamuray.wasmtime.Memory;
import io.github.kawamuray.wasmtime.Module;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import io.torvyn.engine.wasm.instrument.ModuleInstrumenter;
import io.torvyn.engine.wasm.wasmtime.WasmtimeNativeLibrary;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * What each wasmtime-java 0.19 JNI crossing costs on its own, the figures the metered wrapper ABI of
 * {@code ModuleInstrumenter} is shaped by: the binding converts every argument and result {@code Val} through
 * by-name JNI lookups, so a call's price depends on how many values cross. Measured here (2-core VM, best of 6
 * rounds of a hand-timed loop): a call with no argument and one result ≈ 4.8 µs, with one i32 argument ≈ 10.2 µs,
 * each result beyond the first ≈ 3.5 µs; {@code Global.set} ≈ 6 µs, {@code Global.get} ≈ 3 µs,
 * {@code Store.setEpochDeadline} and {@code Memory.dataSize} ≈ 0.7 µs. The {@code meteredBatch*} benchmarks call the
 * instrumenter's real wrappers of a minimal batch export on a 256-element count: the one-argument twin
 * ({@code torvyn_metered$torvyn_process_batch(256)}) against the argument-free one that reads the count from the
 * batch area header ({@code torvyn_metered0$torvyn_process_batch()}). Run:
 * {@code scripts/perf-jmh.sh WasmtimeCrossingBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WasmtimeCrossingBenchmark {
    private static final String WAT = "(module"
        + " (memory (export \"memory\") 1)"
        + " (global (export \"g\") (mut i64) (i64.const 0))"
        + " (func (export \"none_i32\") (result i32) i32.const 1)"
        + " (func (export \"i32_i32\") (param i32) (result i32) local.get 0)"
        + " (func (export \"i32_i64\") (param i32) (result i64) i64.const 1)"
        + " (func (export \"i32_i32_i64\") (param i32) (result i32 i64) local.get 0 i64.const 1)"
        + " (func (export \"i64_i32_i32\") (param i64 i32) (result i32) local.get 1)"
        + " (func (export \"none_i64\") (result i64) i64.const 1))";
    /**
     * The binary of {@code (module (memory (export "memory") 1)
     * (func (export "torvyn_batch_area") (param i32) (result i32) i32.const 1024)
     * (func (export "torvyn_process_batch") (param i32) (result i32) local.get 0))}: the instrumenter reads binaries.
     */
    private static final int[] BATCH_MODULE = {
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f, 0x03, 0x03,
        0x02, 0x00, 0x00, 0x05, 0x03, 0x01, 0x00, 0x01, 0x07, 0x35, 0x03, 0x06, 0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79,
        0x02, 0x00, 0x11, 0x74, 0x6f, 0x72, 0x76, 0x79, 0x6e, 0x5f, 0x62, 0x61, 0x74, 0x63, 0x68, 0x5f, 0x61, 0x72,
        0x65, 0x61, 0x00, 0x00, 0x14, 0x74, 0x6f, 0x72, 0x76, 0x79, 0x6e, 0x5f, 0x70, 0x72, 0x6f, 0x63, 0x65, 0x73,
        0x73, 0x5f, 0x62, 0x61, 0x74, 0x63, 0x68, 0x00, 0x01, 0x0a, 0x0c, 0x02, 0x05, 0x00, 0x41, 0x80, 0x08, 0x0b,
        0x04, 0x00, 0x20, 0x00, 0x0b};
    private static final String PROCESS_BATCH = "torvyn_process_batch";
    private static final int BATCH_COUNT = 256;

    private Engine engine;
    private Store<Void> store;
    private Linker linker;
    private Module module;
    private Func noneToI32;
    private Func i32ToI32;
    private Func i32ToI64;
    private Func i32ToI32AndI64;
    private Func i64AndI32ToI32;
    private Func noneToI64;
    private Module batchModule;
    private Func batchWithCount;
    private Func batchFromHeader;
    private Memory batchMemory;
    private Global global;
    private Memory memory;
    private final Val[] none = new Val[0];
    private final Val[] one = new Val[1];
    private final Val[] two = new Val[2];
    private final Val budget = Val.fromI64(1_000_000);
    private int counter;

    @Setup
    public void start() {
        WasmtimeNativeLibrary.ensureLoaded();
        engine = new Engine(new Config().epochInterruption(true));
        store = new Store<>(null, engine);
        store.setEpochDeadline(1L << 40);
        linker = new Linker(engine);
        module = new Module(engine, WAT.getBytes(StandardCharsets.UTF_8));
        linker.module(store, "m", module);
        noneToI32 = func("none_i32");
        i32ToI32 = func("i32_i32");
        i32ToI64 = func("i32_i64");
        i32ToI32AndI64 = func("i32_i32_i64");
        i64AndI32ToI32 = func("i64_i32_i32");
        noneToI64 = func("none_i64");
        global = linker.get(store, "m", "g").orElseThrow().global();
        memory = linker.get(store, "m", "memory").orElseThrow().memory();
        startBatchModule();
    }

    /** Instruments the batch module, records its area through the metered twin and writes the header count. */
    private void startBatchModule() {
        final byte[] wasm = new byte[BATCH_MODULE.length];
        for (int i = 0; i < wasm.length; i++) {
            wasm[i] = (byte) BATCH_MODULE[i];
        }
        batchModule = new Module(engine, ModuleInstrumenter.instrument(wasm, 1_000_000, 0).bytes());
        linker.module(store, "b", batchModule);
        final Func area = linker.get(store, "b", ModuleInstrumenter.meteredExport("torvyn_batch_area")).orElseThrow()
            .func();
        final int address = (int) area.call(store, Val.fromI32(4096))[0].i64();
        area.dispose();
        batchMemory = linker.get(store, "b", "memory").orElseThrow().memory();
        batchMemory.buffer(store).order(ByteOrder.LITTLE_ENDIAN).putInt(
            address + ModuleInstrumenter.BATCH_COUNT_OFFSET, BATCH_COUNT);
        batchWithCount = linker.get(store, "b", ModuleInstrumenter.meteredExport(PROCESS_BATCH)).orElseThrow().func();
        batchFromHeader = linker.get(store, "b", ModuleInstrumenter.meteredBatchExport(PROCESS_BATCH)).orElseThrow()
            .func();
        if ((int) batchFromHeader.call(store, none)[0].i64() != BATCH_COUNT) {
            throw new IllegalStateException("the argument-free twin did not read the header count");
        }
    }

    private Func func(final String name) {
        return linker.get(store, "m", name).orElseThrow().func();
    }

    @TearDown
    public void stop() {
        for (final Func f : new Func[] {noneToI32, i32ToI32, i32ToI64, i32ToI32AndI64, i64AndI32ToI32, noneToI64,
            batchWithCount, batchFromHeader}) {
            f.dispose();
        }
        global.dispose();
        memory.dispose();
        batchMemory.dispose();
        batchModule.dispose();
        module.dispose();
        linker.dispose();
        store.dispose();
        engine.dispose();
    }

    @Benchmark
    public Val[] callNoArgumentOneResult() {
        return noneToI32.call(store, none);
    }

    @Benchmark
    public Val[] callNoArgumentI64Result() {
        return noneToI64.call(store, none);
    }

    @Benchmark
    public Val[] meteredBatchTwinWithCount() {
        one[0] = Val.fromI32(BATCH_COUNT);
        return batchWithCount.call(store, one);
    }

    @Benchmark
    public Val[] meteredBatchTwinFromHeader() {
        return batchFromHeader.call(store, none);
    }

    @Benchmark
    public Val[] callI32ArgumentI32Result() {
        one[0] = Val.fromI32(counter++);
        return i32ToI32.call(store, one);
    }

    @Benchmark
    public Val[] callI32ArgumentI64Result() {
        one[0] = Val.fromI32(counter++);
        return i32ToI64.call(store, one);
    }

    @Benchmark
    public Val[] callI32ArgumentTwoResults() {
        one[0] = Val.fromI32(counter++);
        return i32ToI32AndI64.call(store, one);
    }

    @Benchmark
    public Val[] callI64AndI32ArgumentsOneResult() {
        two[0] = budget;
        two[1] = Val.fromI32(counter++);
        return i64AndI32ToI32.call(store, two);
    }

    @Benchmark
    public void globalSet() {
        global.set(store, budget);
    }

    @Benchmark
    public long globalGet() {
        return global.get(store).i64();
    }

    @Benchmark
    public void setEpochDeadline() {
        store.setEpochDeadline(1L << 40);
    }

    @Benchmark
    public long memoryDataSize() {
        return memory.dataSize(store);
    }
}
