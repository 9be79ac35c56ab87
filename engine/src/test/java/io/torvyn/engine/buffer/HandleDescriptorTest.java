package io.torvyn.engine.buffer;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandleDescriptorTest {

    @Test
    void handleRoundTripsSlotAndGenerationAndIsPositive() {
        final long h = HandleDescriptor.handle(Integer.MAX_VALUE, HandleDescriptor.MAX_GENERATION);
        assertTrue(h > 0);
        assertEquals(Integer.MAX_VALUE, HandleDescriptor.slot(h));
        assertEquals(HandleDescriptor.MAX_GENERATION, HandleDescriptor.generation(h));
        final long first = HandleDescriptor.handle(0, HandleDescriptor.FIRST_GENERATION);
        assertTrue(first > 0, "slot 0 at the first generation is still not the null handle");
    }

    @Test
    void generationWrapsPastZero() {
        assertEquals(2, HandleDescriptor.nextGeneration(1));
        assertEquals(HandleDescriptor.FIRST_GENERATION,
            HandleDescriptor.nextGeneration(HandleDescriptor.MAX_GENERATION));
    }

    @Test
    void controlWordKeepsItsThreeFields() {
        final long w = HandleDescriptor.control(123_456, BufferState.IN_TRANSIT, HandleDescriptor.MAX_REFERENCES);
        assertEquals(123_456, HandleDescriptor.controlGeneration(w));
        assertEquals(BufferState.IN_TRANSIT, HandleDescriptor.controlState(w));
        assertEquals(HandleDescriptor.MAX_REFERENCES, HandleDescriptor.controlReferences(w));
        assertEquals(HandleDescriptor.MAX_REFERENCES - 1, HandleDescriptor.controlReferences(w - 1));
        assertEquals(BufferState.IN_TRANSIT, HandleDescriptor.controlState(w - 1));
    }

    @Test
    void everyOperationHasAUniqueSpecName() {
        final Set<String> names = new HashSet<>();
        for (int op = 1; op <= BufferOps.count(); op++) {
            final String name = BufferOps.name(op);
            assertTrue(names.add(name), "duplicate " + name);
            assertEquals(op, BufferOps.of(name));
        }
        assertEquals(20, names.size());
        assertTrue(names.contains("fallback-alloc") && names.contains("leak-reclaim")
            && names.contains("source-payload") && names.contains("backpressure-off"));
        assertNull(BufferOps.name(0));
        assertNull(BufferOps.name(21));
        assertEquals(-1, BufferOps.of("nope"));
    }

    @Test
    void copyReasonsUseTheirReportSpelling() {
        assertEquals("payload-read", CopyReason.PAYLOAD_READ.key());
        assertEquals(CopyReason.HOST_CLONE, CopyReason.fromKey("host-clone"));
        assertNull(CopyReason.fromKey("other"));
    }
}
