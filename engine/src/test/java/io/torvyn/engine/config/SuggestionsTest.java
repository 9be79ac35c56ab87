package io.torvyn.engine.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SuggestionsTest {

    private static final List<String> KEYS = List.of("mode", "worker_threads", "wait_strategy", "wasm_engine");

    @Test
    void suggestsTheClosestKeyForATypo() {
        assertEquals("worker_threads", Suggestions.nearest("worker_thread", KEYS));
        assertEquals("worker_threads", Suggestions.nearest("wokrer_threads", KEYS));
        assertEquals("wasm_engine", Suggestions.nearest("WASM_ENGINE", KEYS));
        assertEquals("did you mean `mode`?", Suggestions.didYouMean("mdoe", KEYS));
    }

    @Test
    void suggestsNothingWhenNothingIsClose() {
        assertNull(Suggestions.nearest("frobnicate", KEYS));
        assertNull(Suggestions.nearest("x", List.of()));
        assertEquals("", Suggestions.didYouMean("frobnicate", KEYS));
    }

    @Test
    void countsEditsAndTranspositions() {
        assertEquals(0, Suggestions.editDistance("abc", "abc"));
        assertEquals(1, Suggestions.editDistance("abc", "abd"));
        assertEquals(1, Suggestions.editDistance("abc", "acb"));
        assertEquals(3, Suggestions.editDistance("", "abc"));
    }
}
