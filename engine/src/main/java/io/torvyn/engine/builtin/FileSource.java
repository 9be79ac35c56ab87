package io.torvyn.engine.builtin;

import io.torvyn.engine.buffer.BufferClient;
import io.torvyn.engine.buffer.BufferPool;
import io.torvyn.engine.component.ComponentContext;
import io.torvyn.engine.component.Emitter;
import io.torvyn.engine.component.SourceComponent;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;
import net.openhft.chronicle.bytes.BytesStore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * `builtin:file` as a source: reads a file (or stdin for `-`) through one reusable off-heap read buffer, cuts it into
 * elements by the configured framing and writes each record once into a pooled buffer (one `payload-write`). The
 * byte offset of every element in the input is kept, so a journal can record where a run was.
 */
public final class FileSource implements SourceComponent {
    static final Set<String> KEYS = Set.of("path", "framing", "content_type");
    private static final int INITIAL_READ_BUFFER = 1 << 20;

    private final String pathText;
    private final Framing framing;
    private final String contentType;
    private final String where;

    private ReadableByteChannel channel;
    private Path path;
    private BytesStore<?, ByteBuffer> readStore;
    private ByteBuffer readBuffer;
    private long readAddress;
    private int position;
    private int limit;
    private boolean eof;
    private long inputOffset;
    private int contentTypeId;

    public FileSource(final String json, final String where) {
        final BuiltinConfig cfg = BuiltinConfig.parse(json, where, KEYS);
        this.where = where;
        this.pathText = cfg.string("path", null);
        if (pathText == null || pathText.isEmpty()) {
            throw new TorvynException(new Problem(ErrorCode.E0701, "`builtin:file` needs a `path`", where,
                "add \"path\": \"data/input.txt\" (or \"-\" for stdin) to the node's config"));
        }
        this.framing = Framing.parse(cfg.string("framing", "lines"), where);
        this.contentType = cfg.string("content_type",
            framing.kind() == Framing.Kind.LINES ? "text/plain" : "application/octet-stream");
    }

    public String path() {
        return pathText;
    }

    /** Byte offset in the input just after the last element emitted. */
    public long inputOffset() {
        return inputOffset;
    }

    /** Checks, before anything runs, that the input can be opened. */
    public void checkReadable(final Path resolved) {
        if (!pathText.equals("-") && !Files.isReadable(resolved)) {
            throw ioError(resolved, Files.exists(resolved) ? "permission denied" : "no such file");
        }
    }

    @Override
    public void open(final ComponentContext ctx) {
        try {
            if (pathText.equals("-")) {
                channel = Channels.newChannel(System.in);
            } else {
                path = ctx.resolve(pathText);
                checkReadable(path);
                channel = FileChannel.open(path, StandardOpenOption.READ);
            }
        } catch (final IOException e) {
            throw ioError(path, e.getMessage());
        }
        allocateReadBuffer(INITIAL_READ_BUFFER);
        contentTypeId = ctx.contentTypes().register(contentType);
    }

    @Override
    public void close(final ComponentContext ctx) {
        try {
            if (channel != null && path != null) {
                channel.close();
            }
        } catch (final IOException ignored) {
            // read-only input: nothing is lost
        }
        readStore = null;
        readBuffer = null;
    }

    @Override
    public int pull(final ComponentContext ctx, final Emitter out, final int max) {
        final BufferPool pool = ctx.pool();
        final BufferClient client = ctx.client();
        final long now = System.nanoTime();
        int n = 0;
        while (n < max) {
            final int recordLength = nextRecordLength();
            if (recordLength < 0) {
                if (eof && position >= limit) {
                    return n == 0 ? END_OF_STREAM : n;
                }
                fill();
                continue;
            }
            final int header = framing.kind() == Framing.Kind.LENGTH_PREFIXED ? 4 : 0;
            final long seq = ctx.nextSequences(1);
            client.elementSeq = seq;
            final long h = pool.allocate(client, recordLength);
            pool.write(client, h, 0, readAddress + position + header, recordLength);
            pool.setContentType(client, h, contentTypeId);
            out.emitNew(h, seq, now, now, Emitter.DEFAULT_PORT);
            final boolean newline = framing.kind() == Framing.Kind.LINES && !lastLineWithoutNewline(recordLength);
            final int consumed = header + recordLength + (newline ? 1 : 0);
            position += consumed;
            inputOffset += consumed;
            n++;
        }
        return n;
    }

    /** The wire format is big-endian; the buffer itself is in native order for Chronicle. */
    private int bigEndianInt(final int at) {
        return (readBuffer.get(at) & 0xff) << 24 | (readBuffer.get(at + 1) & 0xff) << 16
            | (readBuffer.get(at + 2) & 0xff) << 8 | readBuffer.get(at + 3) & 0xff;
    }

    private boolean lastLineWithoutNewline(final int recordLength) {
        return position + recordLength >= limit;
    }

    /** Length of the complete record at {@link #position}, or -1 when more input is needed (or none is left). */
    private int nextRecordLength() {
        final int available = limit - position;
        switch (framing.kind()) {
            case LINES:
                for (int i = position; i < limit; i++) {
                    if (readBuffer.get(i) == '\n') {
                        return i - position;
                    }
                }
                return eof && available > 0 ? available : -1;
            case LENGTH_PREFIXED:
                if (available < 4) {
                    if (eof && available > 0) {
                        throw truncated("a length prefix");
                    }
                    return -1;
                }
                final int length = bigEndianInt(position);
                if (length < 0) {
                    throw truncated("a valid length prefix (found " + length + ")");
                }
                if (available - 4 < length) {
                    if (eof) {
                        throw truncated(length + " payload bytes");
                    }
                    ensureCapacity(length + 4);
                    return -1;
                }
                return length;
            case FIXED:
            default:
                if (available >= framing.recordSize()) {
                    return framing.recordSize();
                }
                return eof && available > 0 ? available : -1;
        }
    }

    /** Compacts and reads more input; returns true when bytes arrived. */
    private boolean fill() {
        if (eof) {
            return false;
        }
        if (position > 0) {
            final int remaining = limit - position;
            readBuffer.limit(limit).position(position);
            readBuffer.compact();
            position = 0;
            limit = remaining;
        }
        if (limit == readBuffer.capacity()) {
            ensureCapacity(readBuffer.capacity() * 2);
        }
        try {
            readBuffer.limit(readBuffer.capacity()).position(limit);
            final int read = channel.read(readBuffer);
            if (read < 0) {
                eof = true;
                return false;
            }
            limit += read;
            return read > 0;
        } catch (final IOException e) {
            throw ioError(path, e.getMessage());
        }
    }

    private void ensureCapacity(final int needed) {
        if (needed <= readBuffer.capacity()) {
            return;
        }
        final BytesStore<?, ByteBuffer> old = readStore;
        final int oldLimit = limit;
        final int oldPosition = position;
        allocateReadBuffer(Integer.highestOneBit(needed - 1) << 1);
        for (int i = oldPosition; i < oldLimit; i++) {
            readStore.writeByte(i - oldPosition, old.readByte(i));
        }
        position = 0;
        limit = oldLimit - oldPosition;
    }

    private void allocateReadBuffer(final int capacity) {
        readBuffer = ByteBuffer.allocateDirect(capacity);
        readStore = BytesStore.wrap(readBuffer);
        readAddress = readStore.addressForRead(0);
    }

    private TorvynException truncated(final String expected) {
        return new TorvynException(new Problem(ErrorCode.E0020,
            "input ends in the middle of a record: expected " + expected + " at byte " + inputOffset,
            where + " (" + pathText + ")", "the input is truncated or not " + "length-prefixed; check the file or the framing"));
    }

    private TorvynException ioError(final Path p, final String osMessage) {
        return new TorvynException(new Problem(ErrorCode.E0020,
            "cannot read `" + (p == null ? pathText : p) + "`: " + osMessage, where,
            "check that the file exists and is readable"));
    }
}
