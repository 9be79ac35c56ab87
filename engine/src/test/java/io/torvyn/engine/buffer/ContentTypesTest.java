package io.torvyn.engine.buffer;

import io.torvyn.engine.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.torvyn.engine.buffer.Pools.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContentTypesTest {

    @Test
    void registersOnceAndLooksUpBothWays() {
        final ContentTypes types = new ContentTypes();
        final int json = types.register("application/json");
        final int text = types.register("text/plain");
        assertEquals(1, json);
        assertEquals(2, text);
        assertEquals(json, types.register("application/json"));
        assertEquals(json, types.idOf("application/json"));
        assertEquals(ContentTypes.NONE, types.idOf("image/png"));
        assertEquals("text/plain", types.name(text));
        assertNull(types.name(ContentTypes.NONE));
        assertNull(types.name(3));
        assertTrue(types.isKnown(2));
        assertFalse(types.isKnown(3));
        assertEquals(3, types.size());
    }

    @Test
    void exposesUtf8Bytes() {
        final ContentTypes types = new ContentTypes();
        final int id = types.register("text/é");
        final byte[] expected = "text/é".getBytes(StandardCharsets.UTF_8);
        assertEquals(expected.length, types.utf8Length(id));
        final byte[] dst = new byte[expected.length + 2];
        assertEquals(expected.length, types.copyUtf8(id, dst, 2));
        assertArrayEquals(expected, java.util.Arrays.copyOfRange(dst, 2, dst.length));
        assertEquals(0, types.copyUtf8(ContentTypes.NONE, dst, 0));
    }

    @Test
    void rejectsEmptyAndOverlongContentTypes() {
        final ContentTypes types = new ContentTypes();
        types.register("x".repeat(127));
        assertCode(ErrorCode.E0702, () -> types.register("x".repeat(128)));
        assertCode(ErrorCode.E0702, () -> types.register("é".repeat(64)));
        assertCode(ErrorCode.E0702, () -> types.register(""));
        assertCode(ErrorCode.E0702, () -> types.register(null));
        assertEquals(2, types.size());
    }
}
