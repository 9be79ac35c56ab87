package io.torvyn.engine.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CpuListsTest {

    @Test
    void parsesSinglesAndRangesInOrder() {
        assertEquals(List.of(0, 1, 2, 3, 8, 10, 11), CpuLists.parse("0-3,8,10-11\n"));
        assertEquals(List.of(5, 2), CpuLists.parse(" 5, 2 "));
        assertEquals(List.of(), CpuLists.parse("\n"));
    }

    @Test
    void rejectsWhatIsNotACpuList() {
        assertThrows(IllegalArgumentException.class, () -> CpuLists.parse("a"));
        assertThrows(IllegalArgumentException.class, () -> CpuLists.parse("3-1"));
        assertThrows(IllegalArgumentException.class, () -> CpuLists.parse("1,,2"));
    }

    @Test
    void formatsCompactlyAndSorted() {
        assertEquals("0-3,8,10,11", CpuLists.format(List.of(11, 10, 8, 3, 2, 1, 0)));
        assertEquals("2", CpuLists.format(List.of(2)));
        assertEquals("", CpuLists.format(List.of()));
    }
}
