package io.torvyn.engine.wasm;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Engines are made by name and create their one helper thread through the given factory, only when needed. */
class WasmEnginesTest {

    @ParameterizedTest
    @MethodSource("io.torvyn.engine.wasm.TestModules#engines")
    void theHelperThreadComesFromTheFactoryOncePerEngine(final String name) {
        final List<Thread> made = new CopyOnWriteArrayList<>();
        final ThreadFactory factory = runnable -> {
            final Thread thread = new Thread(runnable, "test-" + name);
            made.add(thread);
            return thread;
        };
        try (WasmEngine engine = WasmEngines.create(name, factory)) {
            assertEquals(name, engine.name());
            final WasmModule module = engine.compile(TestModules.bytes("traps.wasm"), "traps.wasm");
            try (WasmInstance untimed = module.instantiate(new FakeHost(), InstanceOptions.defaults())) {
                assertEquals(42, untimed.function("ok").callI32());
            }
            assertEquals(0, made.size());
            final InstanceOptions timed = InstanceOptions.defaults()
                .withInvocationTimeoutNs(TimeUnit.SECONDS.toNanos(5));
            try (WasmInstance first = module.instantiate(new FakeHost(), timed);
                 WasmInstance second = module.instantiate(new FakeHost(), timed)) {
                assertEquals(42, first.function("ok").callI32());
                assertEquals(42, second.function("ok").callI32());
            }
            assertEquals(1, made.size());
            assertTrue(made.get(0).isDaemon());
            assertTrue(made.get(0).isAlive());
        }
        assertTrue(made.stream().noneMatch(Thread::isAlive));
    }

    @Test
    void anUnknownEngineNameIsAConfigError() {
        final TorvynException e = assertThrows(TorvynException.class,
            () -> WasmEngines.create("v8", Thread::new));
        assertEquals(ErrorCode.E0702, e.code());
    }
}
