package io.torvyn.engine.buffer;

import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.TorvynException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps content-type strings to small int ids and back, so a buffer carries its content type in one int slot of the
 * handle table and filters compare ints instead of strings. Registration happens at setup time or rarely at run time
 * (it may allocate and takes a lock); lookups by id or by name are lock-free and allocation-free.
 */
public final class ContentTypes {
    /** The id of "no content type". */
    public static final int NONE = 0;
    /** The longest content type the spec allows, in UTF-8 bytes. */
    public static final int MAX_UTF8_BYTES = 127;
    /** Ids fit an unsigned 16-bit journal field. */
    public static final int MAX_IDS = 1 << 16;

    private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
    private volatile String[] names = {null};
    private volatile byte[][] utf8 = {new byte[0]};

    /**
     * The id of {@code contentType}, registering it first if needed.
     *
     * @throws TorvynException E0702 when it is empty or longer than {@value #MAX_UTF8_BYTES} UTF-8 bytes
     */
    public int register(final String contentType) {
        final Integer known = contentType == null ? null : ids.get(contentType);
        if (known != null) {
            return known;
        }
        final byte[] bytes = validate(contentType);
        synchronized (this) {
            final Integer raced = ids.get(contentType);
            if (raced != null) {
                return raced;
            }
            final String[] oldNames = names;
            final int id = oldNames.length;
            if (id >= MAX_IDS) {
                throw new TorvynException(ErrorCode.E0702, "more than " + (MAX_IDS - 1) + " distinct content types",
                    "content type \"" + contentType + "\"", "use fewer distinct content types");
            }
            final String[] newNames = Arrays.copyOf(oldNames, id + 1);
            newNames[id] = contentType;
            final byte[][] newUtf8 = Arrays.copyOf(utf8, id + 1);
            newUtf8[id] = bytes;
            utf8 = newUtf8;
            names = newNames;
            ids.put(contentType, id);
            return id;
        }
    }

    /** The id of {@code contentType}, or {@link #NONE} when it was never registered. */
    public int idOf(final String contentType) {
        final Integer id = contentType == null ? null : ids.get(contentType);
        return id == null ? NONE : id;
    }

    /** The content type with id {@code id}, or null for {@link #NONE} and unknown ids. */
    public String name(final int id) {
        final String[] n = names;
        return id > NONE && id < n.length ? n[id] : null;
    }

    /** Whether {@code id} is {@link #NONE} or a registered id. */
    public boolean isKnown(final int id) {
        return id >= NONE && id < names.length;
    }

    /** The UTF-8 length of content type {@code id} (0 for {@link #NONE} and unknown ids). */
    public int utf8Length(final int id) {
        final byte[][] u = utf8;
        return id > NONE && id < u.length ? u[id].length : 0;
    }

    /** Copies the UTF-8 bytes of content type {@code id} into {@code dst} at {@code offset}; returns how many. */
    public int copyUtf8(final int id, final byte[] dst, final int offset) {
        final byte[][] u = utf8;
        if (id <= NONE || id >= u.length) {
            return 0;
        }
        final byte[] bytes = u[id];
        System.arraycopy(bytes, 0, dst, offset, bytes.length);
        return bytes.length;
    }

    /** The number of ids in use, {@link #NONE} included. */
    public int size() {
        return names.length;
    }

    private static byte[] validate(final String contentType) {
        if (contentType == null || contentType.isEmpty()) {
            throw new TorvynException(ErrorCode.E0702, "content type is empty; expected 1.." + MAX_UTF8_BYTES
                + " UTF-8 bytes", "content type", "give a content type such as \"application/json\", or none at all");
        }
        final byte[] bytes = contentType.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_UTF8_BYTES) {
            throw new TorvynException(ErrorCode.E0702, "content type is " + bytes.length
                + " UTF-8 bytes; expected at most " + MAX_UTF8_BYTES,
                "content type \"" + contentType.substring(0, Math.min(40, contentType.length())) + "…\"",
                "shorten the content type to at most " + MAX_UTF8_BYTES + " bytes");
        }
        return bytes;
    }
}
