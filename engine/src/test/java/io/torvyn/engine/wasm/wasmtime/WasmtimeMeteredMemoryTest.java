package io.torvyn.engine.wasm.wasmtime;

import io.torvyn.engine.wasm.InstanceOptions;
import io.torvyn.engine.wasm.MeteredFunction;
import io.torvyn.engine.wasm.WasmInstance;
import io.torvyn.engine.wasm.instrument.ModuleInstrumenter;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * After a metered call the memory view takes the size the wrapper returned instead of asking the engine (a JNI call):
 * it asks again only when the size changed, and a plain call still makes it ask.
 */
class WasmtimeMeteredMemoryTest {

    private static final long BUDGET = 1_000_000;
    private static final int PAGE = ModuleInstrumenter.PAGE_SIZE;

    @Test
    void theViewAsksForTheSizeOnlyWhenAMeteredCallChangedIt() {
        final byte[] wasm = ModuleInstrumenter.instrument(WasmtimeFixtures.load("metered"), BUDGET, 0).bytes();
        try (WasmtimeEngine engine = new WasmtimeEngine();
             WasmInstance instance = engine.compile(wasm, "metered.wasm").instantiate(new NoImportHost(),
                 InstanceOptions.defaults().withFuelGlobal(ModuleInstrumenter.FUEL_GLOBAL_EXPORT))) {
            final WasmtimeMemory memory = (WasmtimeMemory) instance.memory();
            final MeteredFunction twin = instance.metered("double");
            memory.writeInt(16, 7);
            final long asked = memory.sizeQueries();

            for (int i = 0; i < 3; i++) {
                assertEquals(2 * i, twin.callI32(BUDGET, i));
                assertEquals(7, memory.readInt(16));
                assertEquals(PAGE, memory.size());
            }
            assertEquals(asked, memory.sizeQueries(), "metered calls that leave the size alone");

            assertEquals(2, instance.function("double").callI32(1));
            assertEquals(7, memory.readInt(16));
            assertEquals(asked + 1, memory.sizeQueries(), "a plain call still makes the view ask");

            assertEquals(1, instance.metered("grow").callI32(BUDGET, 1));
            memory.writeInt(2 * PAGE - 4, 9);
            assertEquals(9, memory.readInt(2 * PAGE - 4));
            assertEquals(2L * PAGE, memory.size());
            assertEquals(asked + 2, memory.sizeQueries(), "a grow inside a metered call: asked once");
        }
    }
}
