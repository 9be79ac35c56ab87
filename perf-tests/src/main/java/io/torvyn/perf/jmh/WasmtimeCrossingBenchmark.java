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

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * What each wasmtime-java 0.19 JNI crossing costs on its own, the figures the metered wrapper ABI of
 * {@code ModuleInstrumenter} is shaped by: the binding converts every argument and result {@code Val} through
 * by-name JNI lookups, so a call's price depends on how many values cross. Measured here (2-core VM, best of 6
 * rounds of a hand-timed loop): a call with no argument and one result ≈ 4.8 µs, with one i32 argument ≈ 10.2 µs,
 * each result beyond the first ≈ 3.5 µs; {@code Global.set} ≈ 6 µs, {@code Global.get} ≈ 3 µs,
 * {@code Store.setEpochDeadline} and {@code Memory.dataSize} ≈ 0.7 µs. Run:
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
        + " (func (export \"i64_i32_i32\") (param i64 i32) (result i32) local.get 1))";

    private Engine engine;
    private Store<Void> store;
    private Linker linker;
    private Module module;
    private Func noneToI32;
    private Func i32ToI32;
    private Func i32ToI64;
    private Func i32ToI32AndI64;
    private Func i64AndI32ToI32;
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
        global = linker.get(store, "m", "g").orElseThrow().global();
        memory = linker.get(store, "m", "memory").orElseThrow().memory();
    }

    private Func func(final String name) {
        return linker.get(store, "m", name).orElseThrow().func();
    }

    @TearDown
    public void stop() {
        for (final Func f : new Func[] {noneToI32, i32ToI32, i32ToI64, i32ToI32AndI64, i64AndI32ToI32}) {
            f.dispose();
        }
        global.dispose();
        memory.dispose();
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
