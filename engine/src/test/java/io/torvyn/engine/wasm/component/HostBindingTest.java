package io.torvyn.engine.wasm.component;

import io.torvyn.engine.buffer.BufferClient;
import io.torvyn.engine.buffer.BufferPool;
import io.torvyn.engine.buffer.CopyReason;
import io.torvyn.engine.component.ComponentContext;
import io.torvyn.engine.component.Emitter;
import io.torvyn.engine.config.NodeConfig;
import io.torvyn.engine.config.TorvynConfig;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.stage.NodeStats;
import io.torvyn.engine.wasm.InstanceOptions;
import io.torvyn.engine.wasm.WasmInstance;
import io.torvyn.engine.wasm.WasmMemory;
import io.torvyn.engine.wasm.chicory.ChicoryEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicLong;

import static io.torvyn.engine.wasm.component.ComponentFlows.collect;
import static io.torvyn.engine.wasm.component.ComponentFlows.edges;
import static io.torvyn.engine.wasm.component.ComponentFlows.generator;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-call handle table and the imports, driven directly against a real pool and a real linear memory. */
class HostBindingTest {
    private static final TorvynConfig CONFIG = ComponentFlows.config(generator("gen", 1, 8, "sequence")
        + collect("out", 1) + edges("gen", "out"));
    private static final byte[] PAYLOAD = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private BufferPool pool;
    private BufferClient client;
    private BufferClient producer;
    private NodeStats stats;
    private ChicoryEngine engine;
    private WasmInstance instance;
    private WasmMemory memory;
    private HostBinding host;
    private long input;

    @BeforeEach
    void setUp() throws Exception {
        pool = new BufferPool(CONFIG.runtime().pools());
        client = pool.newClient(0, "m");
        producer = pool.newClient(1, "producer");
        stats = new NodeStats("m");
        final NodeConfig node = CONFIG.flow(null).nodes().get("gen");
        final ComponentContext ctx = new ComponentContext(CONFIG, node, 0, pool, client, pool.contentTypes(),
            new AtomicLong(100), 1_000_000, stats);
        host = new HostBinding(ctx, "node `m`", "abcdef", 0, false, 2, new ComponentLog("m", System.err));
        engine = new ChicoryEngine();
        instance = engine.compile(Files.readAllBytes(ComponentFlows.DIR.resolve("passthrough.wasm")), "p")
            .instantiate(host, InstanceOptions.defaults());
        memory = instance.memory();
        input = pool.allocate(producer, PAYLOAD.length);
        pool.write(producer, input, 0, PAYLOAD, 0, PAYLOAD.length);
        pool.handOff(producer, input);
    }

    @AfterEach
    void tearDown() {
        instance.close();
        engine.close();
        pool.close();
    }

    private int borrowInput() {
        host.begin(7, 1_000, 2_000);
        return host.borrow(input, 7, 1_000);
    }

    @Test
    void aHandleFromAnEarlierCallIsStaleAndRemembered() {
        final int h = borrowInput();
        assertEquals(PAYLOAD.length, host.bufferSize(h));
        assertEquals(7, host.elementSequence(h));
        assertEquals(1_000, host.elementTimestampNs(h));
        host.finish(null);

        final int next = borrowInput();
        assertTrue(next > h, "a new call issues new numbers");
        assertFalse(host.violated());
        assertEquals(HostBinding.STALE_HANDLE, host.bufferSize(h));
        assertTrue(host.violated());
        assertEquals(ErrorCode.E0303, host.violation().code());
        assertTrue(host.violation().getMessage().contains("buffer_size"));
        host.abort();
    }

    @Test
    void numbersNeverIssuedAreStaleToo() {
        final int h = borrowInput();
        assertEquals(HostBinding.STALE_HANDLE, host.bufferRead(h + 1, 0, 0, 4));
        assertEquals(HostBinding.STALE_HANDLE, host.bufferSize(0));
        assertEquals(HostBinding.STALE_HANDLE, host.bufferSize(-3));
        assertEquals(ErrorCode.E0303, host.violation().code());
        host.abort();
    }

    @Test
    void aBorrowedInputCannotBeWrittenReleasedOrEmitted() {
        final int h = borrowInput();
        assertEquals(HostBinding.NOT_OWNER, host.bufferWrite(h, 0, 0, 1));
        assertEquals(HostBinding.NOT_OWNER, host.bufferRelease(h));
        assertEquals(HostBinding.NOT_OWNER, host.emit(h, -1));
        assertEquals(ErrorCode.E0302, host.violation().code());
        assertTrue(host.violation().getMessage().contains("buffer_write"), "the first misuse is reported");
        host.abort();
        assertEquals(0, client.copies());
    }

    @Test
    void aReadIsOneCountedCopyAndShortAtTheEnd() {
        final int h = borrowInput();
        assertEquals(PAYLOAD.length, host.bufferRead(h, 0, 100, 64));
        assertArrayEquals(PAYLOAD, memory.readBytes(100, PAYLOAD.length));
        assertEquals(1, client.copies(CopyReason.PAYLOAD_READ));
        assertEquals(PAYLOAD.length, client.copiedBytes(CopyReason.PAYLOAD_READ));
        assertEquals(6, host.bufferRead(h, 10, 300, 64));
        assertEquals("abcdef", new String(memory.readBytes(300, 6), StandardCharsets.US_ASCII));
        assertEquals(HostBinding.OUT_OF_BOUNDS, host.bufferRead(h, 0, (int) memory.size() - 2, 16));
        assertEquals(HostBinding.OUT_OF_BOUNDS, host.bufferRead(h, -1, 0, 4));
        assertEquals(2, client.copies(CopyReason.PAYLOAD_READ), "a refused read copies nothing");
        assertFalse(host.violated(), "bad ranges are answered, not violations");
        host.finish(null);
    }

    @Test
    void anOwnedBufferIsWrittenTypedAndEmittedWithANewSequence() {
        borrowInput();
        memory.copyIn("hello".getBytes(StandardCharsets.US_ASCII), 0, 200, 5);
        memory.copyIn("text/x".getBytes(StandardCharsets.US_ASCII), 0, 220, 6);
        final int out = host.bufferAlloc(10);
        assertTrue(out > 0);
        assertEquals(0, host.bufferWrite(out, 0, 200, 5));
        assertEquals(0, host.bufferAppend(out, 200, 5));
        assertEquals(10, host.bufferSize(out));
        assertEquals(0, host.bufferSetContentType(out, 220, 6));
        assertEquals(6, host.bufferContentType(out, 240, 3));
        assertEquals("tex", new String(memory.readBytes(240, 3), StandardCharsets.US_ASCII));
        assertEquals(2, client.copies(CopyReason.PAYLOAD_WRITE));
        assertEquals(HostBinding.OUT_OF_BOUNDS, host.emit(out, 2), "the node has ports 0 and 1");
        assertEquals(0, host.emit(out, 1));
        assertEquals(HostBinding.NOT_OWNER, host.bufferWrite(out, 0, 200, 1), "emitted: no longer the guest's");
        host.abort();
        assertTrue(host.violated());

        borrowInput();
        final int again = host.bufferAlloc(10);
        assertEquals(0, host.bufferWrite(again, 0, 200, 5));
        assertEquals(0, host.emit(again, -1));
        final Emitter emitter = new Emitter(4);
        assertEquals(1, host.finish(emitter));
        assertEquals(1, emitter.count());
        assertEquals(100, emitter.sequence(0), "a new flow sequence");
        assertEquals(1_000, emitter.timestampNs(0));
        assertEquals(2_000, emitter.intendedNs(0));
        assertEquals(Emitter.DEFAULT_PORT, emitter.portMask(0));
        assertTrue(emitter.isOwned(0));
        assertEquals(7, host.outputParent(0));
        assertEquals(5, pool.length(emitter.handle(0)));
        pool.release(client, emitter.handle(0));
        pool.release(producer, input);
        assertEquals(0, stats.leaked());
        assertTrue(pool.allReturned());
    }

    @Test
    void writesPastTheCapacityAreRefused() {
        borrowInput();
        final int out = host.bufferAlloc(1);
        assertTrue(out > 0, "the smallest tier serves it");
        final long capacity = pool.bufferSize(0);
        assertEquals(HostBinding.CAPACITY_EXCEEDED, host.bufferWrite(out, capacity - 2, 0, 5));
        assertEquals(0, host.bufferWrite(out, capacity - 5, 0, 5));
        assertEquals(capacity, host.bufferSize(out));
        assertFalse(host.violated());
        host.abort();
    }

    @Test
    void ownedBuffersLeftAtTheEndAreReleasedAndCountedAsLeaked() {
        borrowInput();
        host.bufferAlloc(8);
        final int released = host.bufferAlloc(8);
        host.bufferAlloc(8);
        assertEquals(0, host.bufferRelease(released));
        assertEquals(HostBinding.STALE_HANDLE, host.bufferRelease(released));
        host.finish(null);
        assertEquals(2, stats.leaked());
        pool.release(producer, input);
        assertTrue(pool.allReturned());
    }

    @Test
    void aFailedCallGivesEverythingBackWithoutCountingALeak() {
        borrowInput();
        final int emitted = host.bufferAlloc(8);
        host.emit(emitted, 0);
        host.bufferAlloc(8);
        host.bufferClone(emitted);
        host.abort();
        assertEquals(0, stats.leaked());
        pool.release(producer, input);
        assertTrue(pool.allReturned());
    }

    @Test
    void aCloneIsOneHostCloneCopyTheGuestOwns() {
        final int h = borrowInput();
        final int copy = host.bufferClone(h);
        assertEquals(1, client.copies(CopyReason.HOST_CLONE));
        assertEquals(PAYLOAD.length, client.copiedBytes(CopyReason.HOST_CLONE));
        assertEquals(7, host.elementSequence(copy));
        assertEquals(0, host.bufferAppend(copy, 0, 0));
        assertEquals(PAYLOAD.length, host.bufferSize(copy));
        host.abort();
    }

    @Test
    void configCopiesUpToTheCapacityAndReturnsTheFullLength() {
        borrowInput();
        assertEquals(6, host.config(400, 3));
        assertEquals("abc", new String(memory.readBytes(400, 3), StandardCharsets.US_ASCII));
        assertEquals(HostBinding.OUT_OF_BOUNDS, host.config((int) memory.size() - 1, 6));
        assertEquals(0, host.deadlineNs(), "no timeout tracked");
        host.finish(null);
    }

    @Test
    void failKeepsTheMessageOfTheCallOnly() {
        borrowInput();
        memory.copyIn("broken".getBytes(StandardCharsets.US_ASCII), 0, 500, 6);
        host.fail(-2, 500, 6);
        assertEquals("broken", host.failMessage());
        assertEquals(-2, host.failKind());
        host.finish(null);
        borrowInput();
        assertEquals(null, host.failMessage());
        host.finish(null);
    }
}
