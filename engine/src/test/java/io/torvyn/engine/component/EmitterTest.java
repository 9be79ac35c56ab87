package io.torvyn.engine.component;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmitterTest {
    private static ElementBatch batchOf(final int n) {
        final ElementBatch batch = new ElementBatch(8);
        for (int i = 0; i < n; i++) {
            batch.add(100 + i, 10 + i, 1_000 + i, 2_000 + i);
        }
        return batch;
    }

    @Test
    void forwardAllEmitsWhatForwardingOneByOneEmits() {
        final ElementBatch one = batchOf(5);
        final ElementBatch all = batchOf(5);
        final Emitter byOne = new Emitter(2);
        final Emitter byAll = new Emitter(2);
        byOne.emitNew(7, 1, 2, 3, Emitter.DEFAULT_PORT);
        byAll.emitNew(7, 1, 2, 3, Emitter.DEFAULT_PORT);
        for (int i = 1; i < 4; i++) {
            byOne.forward(one, i, 2);
        }
        byAll.forwardAll(all, 1, 4, 2);

        assertEquals(4, byAll.count(), "grew past its initial capacity");
        assertEquals(byOne.count(), byAll.count());
        for (int o = 0; o < byOne.count(); o++) {
            assertEquals(byOne.handle(o), byAll.handle(o));
            assertEquals(byOne.sequence(o), byAll.sequence(o));
            assertEquals(byOne.timestampNs(o), byAll.timestampNs(o));
            assertEquals(byOne.intendedNs(o), byAll.intendedNs(o));
            assertEquals(byOne.portMask(o), byAll.portMask(o));
            assertEquals(byOne.isOwned(o), byAll.isOwned(o));
        }
        assertEquals(102, byAll.handle(2));
        assertEquals(2, byAll.portMask(3));
        for (int i = 0; i < 5; i++) {
            assertEquals(one.passedOn(i), all.passedOn(i), "input " + i);
        }
        assertFalse(all.passedOn(0));
        assertTrue(all.passedOn(3));
        assertFalse(all.allPassedOn());
    }

    @Test
    void countsEachInputPassedOnOnceHoweverItWasForwarded() {
        final ElementBatch batch = batchOf(4);
        final Emitter out = new Emitter(8);
        out.forward(batch, 1, Emitter.DEFAULT_PORT);
        assertFalse(batch.allPassedOn());
        out.forwardAll(batch, 0, 4, Emitter.DEFAULT_PORT);
        assertTrue(batch.allPassedOn());
        out.forward(batch, 2, Emitter.DEFAULT_PORT);
        assertTrue(batch.allPassedOn());

        batch.clear();
        batch.add(1, 1, 1, 1);
        batch.add(2, 2, 2, 2);
        batch.add(3, 3, 3, 3);
        assertFalse(batch.passedOn(1), "a new batch starts with nothing passed on");
        out.forwardAll(batch, 0, 2, Emitter.DEFAULT_PORT);
        assertFalse(batch.allPassedOn());
        assertFalse(batch.passedOn(2));
        out.forward(batch, 2, Emitter.DEFAULT_PORT);
        assertTrue(batch.allPassedOn());

        batch.clear();
        assertTrue(batch.allPassedOn(), "an empty batch has nothing left to release");
    }

    @Test
    void summarisesPortsAndOwnershipUntilCleared() {
        final ElementBatch batch = batchOf(3);
        final Emitter out = new Emitter(4);
        assertTrue(out.allToDefaultPort());
        assertFalse(out.anyOwned());
        out.forwardAll(batch, 0, 2, Emitter.DEFAULT_PORT);
        assertTrue(out.allToDefaultPort());
        assertFalse(out.anyOwned());
        out.emitNew(9, 9, 9, 9, Emitter.DEFAULT_PORT);
        assertTrue(out.anyOwned());
        out.forward(batch, 2, 0b10);
        assertFalse(out.allToDefaultPort());
        out.clear();
        assertTrue(out.allToDefaultPort());
        assertFalse(out.anyOwned());
        out.forwardAll(batch, 0, 3, 0b11);
        assertFalse(out.allToDefaultPort());
    }

    @Test
    void forwardAllRefusesARangeOutsideTheBatch() {
        final ElementBatch batch = batchOf(3);
        final Emitter out = new Emitter(4);
        assertThrows(IndexOutOfBoundsException.class, () -> out.forwardAll(batch, 0, 4, Emitter.DEFAULT_PORT));
        assertThrows(IndexOutOfBoundsException.class, () -> out.forwardAll(batch, 2, 1, Emitter.DEFAULT_PORT));
        assertEquals(0, out.count());
        out.forwardAll(batch, 3, 3, Emitter.DEFAULT_PORT);
        assertEquals(0, out.count());
        assertFalse(batch.allPassedOn());
    }
}
