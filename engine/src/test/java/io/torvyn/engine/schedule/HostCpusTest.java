package io.torvyn.engine.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostCpusTest {

    private static void write(final Path root, final String file, final String text) throws IOException {
        final Path p = root.resolve(file);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void readsAnIsolatedEightCoreMachineFromSysfs(@TempDir final Path root) throws IOException {
        write(root, "sys/devices/system/cpu/online", "0-7\n");
        write(root, "sys/devices/system/cpu/isolated", "2-7\n");
        write(root, "sys/devices/system/cpu/nohz_full", "2-7\n");
        write(root, "proc/self/status", "Name:\tjava\nCpus_allowed_list:\t0-1\n");
        final HostCpus h = HostCpus.detect(root, 2);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), h.online());
        assertEquals(List.of(2, 3, 4, 5, 6, 7), h.isolated());
        assertEquals(List.of(2, 3, 4, 5, 6, 7), h.nohzFull());
        assertEquals(List.of(0, 1), h.allowed());
        assertEquals(2, h.available());
        assertTrue(h.hasIsolation());
    }

    @Test
    void fallsBackToTheKernelCommandLineAndSkipsIsolcpusFlags(@TempDir final Path root) throws IOException {
        write(root, "sys/devices/system/cpu/online", "0-3");
        write(root, "proc/cmdline", "BOOT_IMAGE=/vmlinuz ro isolcpus=nohz,domain,2-3 nohz_full=3 quiet\n");
        final HostCpus h = HostCpus.detect(root, 4);
        assertEquals(List.of(2, 3), h.isolated());
        assertEquals(List.of(3), h.nohzFull());
        assertEquals(List.of(0, 1, 2, 3), h.allowed());
    }

    @Test
    void anEmptyIsolatedFileMeansNoIsolation(@TempDir final Path root) throws IOException {
        write(root, "sys/devices/system/cpu/online", "0-1\n");
        write(root, "sys/devices/system/cpu/isolated", "\n");
        write(root, "proc/cmdline", "ro quiet\n");
        final HostCpus h = HostCpus.detect(root, 2);
        assertFalse(h.hasIsolation());
        assertEquals(List.of(), h.nohzFull());
    }

    @Test
    void withoutProcOrSysItAssumesTheAvailableProcessors(@TempDir final Path root) {
        final HostCpus h = HostCpus.detect(root, 3);
        assertEquals(List.of(0, 1, 2), h.online());
        assertEquals(List.of(0, 1, 2), h.allowed());
        assertFalse(h.hasIsolation());
    }
}
