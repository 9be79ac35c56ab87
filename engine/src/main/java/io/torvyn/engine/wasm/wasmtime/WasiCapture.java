package io.torvyn.engine.wasm.wasmtime;

import io.torvyn.engine.wasm.WasiLogSink;
import io.torvyn.engine.wasm.internal.LineSplitter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Captures a WASI instance's stdout and stderr on wasmtime into the log. wasmtime-java can only point WASI streams at
 * files, so each instance writes to two private temp files and this class drains what was appended after every call
 * (one {@code fstat} per stream when nothing was written). The files are deleted when the instance closes; until
 * then they hold everything the component printed.
 */
final class WasiCapture implements AutoCloseable {

    private final Path dir;
    private final Path stdoutPath;
    private final Path stderrPath;
    private final FileChannel stdout;
    private final FileChannel stderr;
    private final LineSplitter stdoutLines;
    private final LineSplitter stderrLines;
    private final ByteBuffer chunk = ByteBuffer.allocate(4096);

    private WasiCapture(final Path dir, final WasiLogSink sink) throws IOException {
        this.dir = dir;
        this.stdoutPath = Files.createFile(dir.resolve("stdout"));
        this.stderrPath = Files.createFile(dir.resolve("stderr"));
        this.stdout = FileChannel.open(stdoutPath, StandardOpenOption.READ);
        this.stderr = FileChannel.open(stderrPath, StandardOpenOption.READ);
        this.stdoutLines = new LineSplitter(sink, WasiLogSink.STDOUT_LEVEL);
        this.stderrLines = new LineSplitter(sink, WasiLogSink.STDERR_LEVEL);
    }

    static WasiCapture open(final WasiLogSink sink) {
        try {
            return new WasiCapture(Files.createTempDirectory("torvyn-wasi"), sink);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot create WASI output files", e);
        }
    }

    Path stdoutPath() {
        return stdoutPath;
    }

    Path stderrPath() {
        return stderrPath;
    }

    /** Forwards whatever the component wrote since the last drain. */
    void drain() {
        drain(stdout, stdoutLines);
        drain(stderr, stderrLines);
    }

    private void drain(final FileChannel channel, final LineSplitter lines) {
        try {
            final long size = channel.size();
            while (channel.position() < size) {
                chunk.clear();
                final int n = channel.read(chunk);
                if (n <= 0) {
                    return;
                }
                lines.write(chunk.array(), 0, n);
            }
        } catch (final IOException ignored) {
            // losing component output must not fail the call
        }
    }

    @Override
    public void close() {
        drain();
        stdoutLines.flush();
        stderrLines.flush();
        try {
            stdout.close();
            stderr.close();
            Files.deleteIfExists(stdoutPath);
            Files.deleteIfExists(stderrPath);
            Files.deleteIfExists(dir);
        } catch (final IOException ignored) {
            // a leftover temp file is harmless
        }
    }
}
