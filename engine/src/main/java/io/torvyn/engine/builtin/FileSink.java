package io.torvyn.engine.builtin;

import io.torvyn.engine.buffer.BufferClient;
import io.torvyn.engine.buffer.BufferPool;
import io.torvyn.engine.buffer.CopyReason;
import io.torvyn.engine.component.ComponentContext;
import io.torvyn.engine.component.ElementBatch;
import io.torvyn.engine.component.SinkComponent;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.core.UnsafeMemory;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * `builtin:file` as a sink: copies each element once out of its pooled buffer (one `payload-read`) into a reusable
 * off-heap write buffer, framed as configured, and writes the buffer to the file (or stdout for `-`) when it fills
 * and at the end. `lines` writes each element followed by `\n`, so a file ending in `\n` round-trips byte for byte.
 * A write failure (disk full, permissions) is E0020 with the OS message.
 */
public final class FileSink implements SinkComponent {
    private static final int WRITE_BUFFER = 1 << 16;

    private final String pathText;
    private final Framing framing;
    private final String where;

    private WritableByteChannel channel;
    private Path path;
    private ByteBuffer writeBuffer;
    private long writeAddress;
    private long bytesWritten;

    public FileSink(final String json, final String where) {
        final BuiltinConfig cfg = BuiltinConfig.parse(json, where, FileSource.KEYS);
        this.where = where;
        this.pathText = cfg.string("path", null);
        if (pathText == null || pathText.isEmpty()) {
            throw new TorvynException(new Problem(ErrorCode.E0701, "`builtin:file` needs a `path`", where,
                "add \"path\": \"out/result.txt\" (or \"-\" for stdout) to the node's config"));
        }
        this.framing = Framing.parse(cfg.string("framing", "lines"), where);
    }

    public long bytesWritten() {
        return bytesWritten;
    }

    @Override
    public void open(final ComponentContext ctx) {
        try {
            if (pathText.equals("-")) {
                channel = Channels.newChannel(new FileOutputStream(java.io.FileDescriptor.out));
            } else {
                path = ctx.resolve(pathText);
                final Path parent = path.toAbsolutePath().getParent();
                if (parent != null) {
                    java.nio.file.Files.createDirectories(parent);
                }
                channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            }
        } catch (final IOException e) {
            throw ioError(e);
        }
        writeBuffer = ByteBuffer.allocateDirect(WRITE_BUFFER);
        writeAddress = BytesStore.wrap(writeBuffer).addressForWrite(0);
    }

    @Override
    public void push(final ComponentContext ctx, final ElementBatch in) {
        final BufferPool pool = ctx.pool();
        final BufferClient client = ctx.client();
        for (int i = in.start(); i < in.end(); i++) {
            final long h = in.handle(i);
            client.elementSeq = in.sequence(i);
            final int length = (int) pool.length(h);
            final int framed = length + (framing.kind() == Framing.Kind.LINES ? 1 : 0)
                + (framing.kind() == Framing.Kind.LENGTH_PREFIXED ? 4 : 0);
            if (writeBuffer.position() + framed > writeBuffer.capacity()) {
                flush();
            }
            if (framing.kind() == Framing.Kind.LENGTH_PREFIXED) {
                if (writeBuffer.remaining() < 4) {
                    flush();
                }
                writeBuffer.put((byte) (length >>> 24)).put((byte) (length >>> 16)).put((byte) (length >>> 8))
                    .put((byte) length);
            }
            if (length <= writeBuffer.remaining()) {
                pool.read(client, h, 0, writeAddress + writeBuffer.position(), length);
                writeBuffer.position(writeBuffer.position() + length);
            } else {
                writeLarge(pool, client, h, length);
            }
            if (framing.kind() == Framing.Kind.LINES) {
                if (!writeBuffer.hasRemaining()) {
                    flush();
                }
                writeBuffer.put((byte) '\n');
            }
        }
    }

    /** An element larger than the write buffer: copied out in chunks, still one counted copy of its bytes. */
    private void writeLarge(final BufferPool pool, final BufferClient client, final long h, final int length) {
        final long source = pool.address(h);
        int done = 0;
        while (done < length) {
            if (!writeBuffer.hasRemaining()) {
                flush();
            }
            final int chunk = Math.min(writeBuffer.remaining(), length - done);
            UnsafeMemory.INSTANCE.copyMemory(source + done, writeAddress + writeBuffer.position(), chunk);
            writeBuffer.position(writeBuffer.position() + chunk);
            done += chunk;
        }
        client.recordCopy(CopyReason.PAYLOAD_READ, length);
    }

    @Override
    public void complete(final ComponentContext ctx) {
        flush();
        try {
            if (channel instanceof FileChannel fc) {
                fc.force(false);
            }
        } catch (final IOException e) {
            throw ioError(e);
        }
    }

    @Override
    public void close(final ComponentContext ctx) {
        try {
            if (channel != null && path != null) {
                channel.close();
            }
        } catch (final IOException ignored) {
            // complete() already flushed and forced; a close failure loses nothing further
        }
    }

    private void flush() {
        writeBuffer.flip();
        try {
            while (writeBuffer.hasRemaining()) {
                bytesWritten += channel.write(writeBuffer);
            }
        } catch (final IOException e) {
            throw ioError(e);
        } finally {
            writeBuffer.clear();
        }
    }

    private TorvynException ioError(final IOException e) {
        return new TorvynException(new Problem(ErrorCode.E0020,
            "cannot write `" + (path == null ? pathText : path) + "`: " + e.getMessage(), where,
            "check free disk space and permissions of the output path"));
    }
}
