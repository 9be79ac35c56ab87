package io.torvyn.engine.wasm.wasmtime;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.wasm.InstanceOptions;
import io.torvyn.engine.wasm.WasmCallException;
import io.torvyn.engine.wasm.WasmFailures;
import io.torvyn.engine.wasm.WasmInstance;
import io.torvyn.engine.wasm.WasmModule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lazily re-armed epoch deadline ({@link WasmtimeInstance}): the ticker's own thread ticks once an hour, so the
 * tests tick by hand and count ticks instead of measuring time. With a 32-hour timeout a call gets
 * {@code T = 33} ticks and an armed deadline may age {@code S = 4} ticks before it is set again.
 */
class WasmtimeEpochDeadlineTest {

    private static final long TICK_NANOS = TimeUnit.HOURS.toNanos(1);
    private static final long TIMEOUT_NANOS = 32 * TICK_NANOS;

    private WasmtimeEngine engine;
    private EpochTicker ticker;
    private WasmInstance instance;
    private long timeoutTicks;
    private long slackTicks;

    @BeforeEach
    void start() {
        engine = new WasmtimeEngine(runnable -> new Thread(runnable, "test-epoch"), TICK_NANOS);
        ticker = engine.ticker();
        final WasmModule module = engine.compile(WasmtimeFixtures.load("traps"), "traps.wasm");
        instance = module.instantiate(new NoImportHost(),
            InstanceOptions.defaults().withInvocationTimeoutNs(TIMEOUT_NANOS));
        timeoutTicks = ticker.deadlineTicks(TIMEOUT_NANOS);
        slackTicks = EpochTicker.slackTicks(timeoutTicks);
    }

    @AfterEach
    void stop() {
        instance.close();
        engine.close();
    }

    @Test
    void theTicksAreThoseTheJavadocPromises() {
        assertEquals(33, timeoutTicks);
        assertEquals(4, slackTicks);
        assertEquals(1, EpochTicker.slackTicks(2), "at least one tick");
    }

    @Test
    void theDeadlineIsSetAgainOnlyWhenTheArmIsSlackTicksOld() {
        final WasmtimeInstance wasmtime = (WasmtimeInstance) instance;
        for (int i = 0; i < 5; i++) {
            assertEquals(42, instance.function("ok").callI32());
        }
        assertEquals(1, wasmtime.deadlineArms(), "calls in the same tick share one arm");
        tick(slackTicks - 1);
        assertEquals(42, instance.function("ok").callI32());
        assertEquals(1, wasmtime.deadlineArms(), "still within the slack");
        tick(1);
        assertEquals(42, instance.function("ok").callI32());
        assertEquals(2, wasmtime.deadlineArms(), "slack ticks after the arm");
        assertThrows(WasmCallException.class, () -> instance.function("unreachable").callI32());
        assertEquals(2, wasmtime.deadlineArms());
        assertEquals(42, instance.function("ok").callI32());
        assertEquals(3, wasmtime.deadlineArms(), "a failed call makes the next one arm afresh");
    }

    @Test
    void aCallAfterAnIdleGapLongerThanTheTimeoutIsNotInterrupted() {
        assertEquals(42, instance.function("ok").callI32());
        tick(timeoutTicks + slackTicks + 2);
        assertEquals(42, instance.function("ok").callI32(), "the deadline armed before the gap has passed");
    }

    /**
     * After an arm {@code idleTicks} old, a runaway gets at least the whole timeout ({@code T} ticks) and is
     * interrupted within the promised bound ({@code T + S + 1} ticks): a clock thread ticks that many times, then
     * waits for the interrupt before it ticks on (so that a bound exceeded fails the test instead of hanging it).
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 3, 4, 100})
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aRunawayIsInterruptedWithinTheBoundWhateverTheAgeOfTheArm(final int idleTicks) throws Exception {
        assertThrows(WasmCallException.class, () -> instance.function("unreachable").callI32(),
            "warms the failure path, so that the clock runs on as little as possible after the interrupt");
        assertEquals(42, instance.function("ok").callI32());
        tick(idleTicks);
        final long before = ticker.epochs();
        final long bound = timeoutTicks + slackTicks + 1;
        final AtomicBoolean interrupted = new AtomicBoolean();
        final AtomicBoolean exceeded = new AtomicBoolean();
        final Thread clock = new Thread(() -> {
            for (long i = 0; i < bound && !interrupted.get(); i++) {
                ticker.tick();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(3));
            }
            final long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!interrupted.get() && System.nanoTime() < waitUntil) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            while (!interrupted.get()) {
                exceeded.set(true);
                ticker.tick();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }, "test-clock");
        clock.start();
        final WasmCallException e;
        try {
            e = assertThrows(WasmCallException.class, () -> instance.function("spin").callI32());
        } finally {
            interrupted.set(true);
            clock.join();
        }
        final long elapsed = ticker.epochs() - before;
        assertEquals(ErrorCode.E0401, e.code());
        assertEquals(WasmFailures.REASON_DEADLINE, e.reason());
        assertTrue(elapsed >= timeoutTicks, "interrupted after " + elapsed + " ticks, the timeout is " + timeoutTicks);
        assertFalse(exceeded.get(), "not interrupted within " + bound + " ticks");

        assertEquals(42, instance.function("ok").callI32(), "the next call is armed afresh");
    }

    private void tick(final long ticks) {
        for (long i = 0; i < ticks; i++) {
            ticker.tick();
        }
    }
}
