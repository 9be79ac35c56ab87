package io.torvyn.journal;

import io.torvyn.journal.record.JournalRecordDescriptor;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds and damages journal documents inside Chronicle queue files, the way a disk or a kill would. */
final class QueueFiles {
    private QueueFiles() {
    }

    /** The single data file of queue {@code queue} of run {@code run}. */
    static Path dataFile(final Path run, final String queue) throws IOException {
        try (Stream<Path> files = Files.list(run.resolve(RunInfo.QUEUES_DIR).resolve(queue))) {
            return files.filter(p -> p.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
    }

    /** File positions of every journal document (its header: magic, version, kind) in {@code file}, in file order. */
    static List<Long> documentPositions(final Path file) throws IOException {
        final byte[] data = Files.readAllBytes(file);
        final ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        final List<Long> positions = new ArrayList<>();
        for (int i = 0; i + JournalRecordDescriptor.HEADER_LENGTH <= data.length; i++) {
            if (data[i] == 'T' && data[i + 1] == 'J' && data[i + 2] == JournalRecordDescriptor.VERSION
                && data[i + 3] == JournalRecordDescriptor.KIND_BATCH) {
                positions.add((long) i);
                i += JournalRecordDescriptor.HEADER_LENGTH + b.getInt(i + JournalRecordDescriptor.BODY_LENGTH_OFFSET)
                    - 1;
            }
        }
        return positions;
    }

    /** The record count in the header of the document at {@code position} of {@code file}. */
    static int recordsIn(final Path file, final long position) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(position + JournalRecordDescriptor.COUNT_OFFSET);
            return Integer.reverseBytes(raf.readInt());
        }
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
