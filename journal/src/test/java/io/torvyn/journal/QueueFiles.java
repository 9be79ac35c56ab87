package io.torvyn.journal;

import io.torvyn.journal.record.JournalRecordDescriptor;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds and damages journal records inside Chronicle queue files, the way a disk or a kill would. */
final class QueueFiles {
    private QueueFiles() {
    }

    /** The single data file of queue {@code queue} of run {@code run}. */
    static Path dataFile(final Path run, final String queue) throws IOException {
        try (Stream<Path> files = Files.list(run.resolve(RunInfo.QUEUES_DIR).resolve(queue))) {
            return files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    /** File positions of every journal record (magic, version, op kind) in {@code file}, in file order. */
    static List<Long> recordPositions(final Path file) throws IOException {
        final byte[] data = Files.readAllBytes(file);
        final List<Long> positions = new ArrayList<>();
        for (int i = 0; i + JournalRecordDescriptor.FRAME_LENGTH <= data.length; i++) {
            if (data[i] == 'T' && data[i + 1] == 'J' && data[i + 2] == JournalRecordDescriptor.VERSION
                && (data[i + 3] == JournalRecordDescriptor.KIND_OP
                || data[i + 3] == JournalRecordDescriptor.KIND_PAYLOAD)) {
                positions.add((long) i);
                i += JournalRecordDescriptor.FRAME_LENGTH - 1;
            }
        }
        return positions;
    }

    /** Inverts every bit of the byte at {@code position}. */
    static void flipByte(final Path file, final long position) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(position);
            final int b = raf.read();
            raf.seek(position);
            raf.write(~b & 0xFF);
        }
    }

    /** Cuts the file to {@code length} bytes. */
    static void truncate(final Path file, final long length) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(length);
        }
    }
}
