package io.torvyn.engine.stage;

import io.torvyn.engine.buffer.BufferState;
import io.torvyn.engine.builtin.ForwardProcessor;
import io.torvyn.engine.component.ComponentContext;
import io.torvyn.engine.component.ElementBatch;
import io.torvyn.engine.component.Emitter;
import io.torvyn.engine.component.TransformComponent;
import io.torvyn.engine.config.ErrorPolicy;
import io.torvyn.engine.topology.Role;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransformStageTest {
    /** Input i: i % 3 == 0 forwarded, 1 replaced by a new buffer, 2 dropped. */
    private static final class Mixed implements TransformComponent {
        @Override
        public void process(final ComponentContext ctx, final ElementBatch in, final Emitter out) {
            for (int i = in.start(); i < in.end(); i++) {
                switch ((int) (in.sequence(i) % 3)) {
                    case 0 -> out.forward(in, i, Emitter.DEFAULT_PORT);
                    case 1 -> {
                        final long h = ctx.pool().allocate(ctx.client(), 4);
                        ctx.pool().write(ctx.client(), h, 0, new byte[] {42}, 0, 1);
                        out.emitNew(h, in.sequence(i), in.timestampNs(i), in.intendedNs(i), Emitter.DEFAULT_PORT);
                    }
                    default -> {
                    }
                }
            }
        }
    }

    @Test
    void forwardsABatchUnchangedAndInOrder() {
        try (StageRig rig = new StageRig()) {
            final TransformStage stage = new TransformStage(rig.spec(Role.PROCESSOR), new ForwardProcessor(),
                ErrorPolicy.FAIL_FAST);
            final long[] handles = new long[20];
            for (int i = 0; i < handles.length; i++) {
                handles[i] = rig.publish(i, 1_000 + i, 2_000 + i);
            }
            stage.open();
            assertEquals(20, stage.doWork());
            final List<long[]> out = rig.drainOutput();
            assertEquals(20, out.size());
            for (int i = 0; i < handles.length; i++) {
                assertEquals(handles[i], out.get(i)[0]);
                assertEquals(i, out.get(i)[1]);
                assertEquals(1_000 + i, out.get(i)[2]);
                assertEquals(2_000 + i, out.get(i)[3]);
                assertEquals(BufferState.IN_TRANSIT, rig.pool.stateOf(handles[i]), "not released by the stage");
            }
            assertEquals(20, rig.stats.elementsOut());
            assertEquals(0, rig.stats.dropped());
            for (final long h : handles) {
                rig.pool.release(rig.client, h);
            }
            assertTrue(rig.pool.allReturned());
        }
    }

    @Test
    void handsOffNewBuffersAndReleasesWhatItDidNotPassOn() {
        try (StageRig rig = new StageRig()) {
            final TransformStage stage = new TransformStage(rig.spec(Role.PROCESSOR), new Mixed(),
                ErrorPolicy.FAIL_FAST);
            final long[] handles = new long[9];
            for (int i = 0; i < handles.length; i++) {
                handles[i] = rig.publish(i, 1_000 + i, 2_000 + i);
            }
            stage.open();
            assertEquals(9, stage.doWork());
            final List<long[]> out = rig.drainOutput();
            assertEquals(6, out.size());
            for (int k = 0; k < out.size(); k++) {
                final long[] e = out.get(k);
                final int i = (int) e[1];
                assertEquals(k / 2 * 3 + k % 2, i, "outputs in input order");
                assertEquals(BufferState.IN_TRANSIT, rig.pool.stateOf(e[0]), "published buffers are handed off");
                if (i % 3 == 0) {
                    assertEquals(handles[i], e[0]);
                } else {
                    assertNotEquals(handles[i], e[0]);
                    assertFalse(rig.pool.isLive(handles[i]), "the replaced input was released");
                }
            }
            assertEquals(0, rig.client.ownedBytes(), "nothing left owned by the stage");
            assertEquals(3, rig.stats.dropped(), "only the inputs with no successor");
            for (int i = 2; i < handles.length; i += 3) {
                assertFalse(rig.pool.isLive(handles[i]));
            }
            for (final long[] e : out) {
                rig.pool.release(rig.client, e[0]);
            }
            assertTrue(rig.pool.allReturned());
        }
    }
}
