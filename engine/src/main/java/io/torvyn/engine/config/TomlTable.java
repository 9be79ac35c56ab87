package io.torvyn.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.torvyn.engine.error.ErrorCode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One table of the parsed manifest with its key path, and typed reads that report instead of throw: a bad value is
 * recorded as a problem (E0702 with expected vs found, E0701 when required and absent) and the default is returned,
 * so one pass over the file finds every problem.
 */
final class TomlTable {

    private static final int MAX_SHOWN_CHARS = 40;

    private final ObjectNode node;
    private final String path;
    private final Diagnostics diag;

    TomlTable(final ObjectNode node, final String path, final Diagnostics diag) {
        this.node = node;
        this.path = path;
        this.diag = diag;
    }

    String path() {
        return path;
    }

    Diagnostics diagnostics() {
        return diag;
    }

    String keyPath(final String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(final String key) {
        return node.has(key);
    }

    JsonNode get(final String key) {
        return node.get(key);
    }

    Iterator<Map.Entry<String, JsonNode>> entries() {
        return node.fields();
    }

    /** Reports every key not in {@code schema} (E0703) with the nearest known key or the table it belongs in. */
    void checkKeys(final ConfigSchema.TableSchema schema, final String tableLabel) {
        checkKeys(schema.keys(), schema.paths(), tableLabel);
    }

    void checkKeys(final List<String> known, final List<String> nestedPaths, final String tableLabel) {
        final Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            final String key = names.next();
            if (known.contains(key)) {
                continue;
            }
            diag.problem(ErrorCode.E0703, "unknown key `" + key + "` in " + tableLabel, keyPath(key),
                unknownKeyHelp(key, known, nestedPaths, tableLabel));
        }
    }

    private static String unknownKeyHelp(final String key, final List<String> known, final List<String> nestedPaths,
                                         final String tableLabel) {
        final String nearest = Suggestions.nearest(key, known);
        if (nearest != null) {
            return "did you mean `" + nearest + "`?";
        }
        for (final String nested : nestedPaths) {
            if (nested.endsWith("." + key)) {
                return "did you mean `" + nested + "`? (it belongs in a sub-table)";
            }
        }
        return "remove it; the keys of " + tableLabel + " are: " + String.join(", ", known);
    }

    /** The sub-table {@code key}; an empty table when absent, or (reported) when not a table. */
    TomlTable table(final String key) {
        final JsonNode v = node.get(key);
        if (v == null) {
            return new TomlTable(JsonNodeFactory.instance.objectNode(), keyPath(key), diag);
        }
        if (v.isObject()) {
            return new TomlTable((ObjectNode) v, keyPath(key), diag);
        }
        invalid(key, "a table", v);
        return new TomlTable(JsonNodeFactory.instance.objectNode(), keyPath(key), diag);
    }

    String string(final String key, final String dflt) {
        final JsonNode v = node.get(key);
        if (v == null) {
            return dflt;
        }
        final String text = text(key, v);
        if (text == null) {
            invalid(key, "a string", v);
            return dflt;
        }
        return text;
    }

    /** The string {@code key}; null (and E0701) when absent, null (and E0702) when not a string. */
    String requiredString(final String key) {
        if (!node.has(key)) {
            missing(key);
            return null;
        }
        return string(key, null);
    }

    void missing(final String key) {
        final String table = path.isEmpty() ? "the file" : path.endsWith("]") ? path : "[" + path + "]";
        diag.problem(ErrorCode.E0701, "missing required key `" + keyPath(key) + "`", keyPath(key),
            "add `" + key + " = ...` to " + table);
    }

    long integer(final String key, final long dflt, final long min, final long max) {
        final JsonNode v = node.get(key);
        if (v == null) {
            return dflt;
        }
        final boolean tooLarge = v.isIntegralNumber() && (!v.canConvertToLong() || v.longValue() > max);
        final boolean practicallyUnbounded = max == Long.MAX_VALUE || max == Integer.MAX_VALUE;
        final String expected = range("an integer", Long.toString(min),
            practicallyUnbounded && !tooLarge ? null : Long.toString(max));
        if (!v.isIntegralNumber() || tooLarge || v.longValue() < min) {
            invalid(key, expected, v);
            return dflt;
        }
        return v.longValue();
    }

    boolean bool(final String key, final boolean dflt) {
        final JsonNode v = node.get(key);
        if (v == null) {
            return dflt;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        final String text = text(key, v);
        if ("true".equals(text) || "false".equals(text)) {
            return Boolean.parseBoolean(text);
        }
        invalid(key, "a boolean (true or false)", v);
        return dflt;
    }

    /** A number (integer or float) in [min, max). */
    double fraction(final String key, final double dflt, final double min, final double max) {
        final JsonNode v = node.get(key);
        if (v == null) {
            return dflt;
        }
        final String expected = "a number >= " + min + " and < " + max;
        if (!v.isNumber()) {
            invalid(key, expected, v);
            return dflt;
        }
        final double d = v.doubleValue();
        if (!(d >= min && d < max)) {
            invalid(key, expected, v);
            return dflt;
        }
        return d;
    }

    /** A size in bytes: an integer, or a string with a unit (see {@link Units}). */
    long size(final String key, final long dflt, final long min, final long max) {
        final JsonNode v = node.get(key);
        if (v == null) {
            return dflt;
        }
        final String expected = range("a size", Units.formatSize(min), max == Long.MAX_VALUE ? null
            : Units.formatSize(max));
        final long bytes;
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            bytes = v.longValue();
        } else if (v.isTextual()) {
            try {
                bytes = Units.parseSize(v.textValue());
            } catch (final IllegalArgumentException e) {
                invalidValue(key, e.getMessage(), "write it like \"64MiB\" (units: B, K/KiB, M/MiB, G/GiB)");
                return dflt;
            }
        } else {
            invalid(key, Units.SIZE_FORMAT, v);
            return dflt;
        }
        if (bytes < min || bytes > max) {
            invalid(key, expected, v);
            return dflt;
        }
        return bytes;
    }

    /** A duration in nanoseconds: an integer, or a string with a unit (see {@link Units}). */
    long duration(final String key, final long dflt, final long min) {
        final JsonNode v = node.get(key);
        if (v == null) {
            return dflt;
        }
        final long nanos;
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            nanos = v.longValue();
        } else if (v.isTextual()) {
            try {
                nanos = Units.parseDuration(v.textValue());
            } catch (final IllegalArgumentException e) {
                invalidValue(key, e.getMessage(), "write it like \"100us\" or \"5s\" (units: ns, us/µs, ms, s, m)");
                return dflt;
            }
        } else {
            invalid(key, Units.DURATION_FORMAT, v);
            return dflt;
        }
        if (nanos < min) {
            invalid(key, range("a duration", Units.formatDuration(min), null), v);
            return dflt;
        }
        return nanos;
    }

    /** One of a fixed set of spellings ({@code allowed}), parsed by {@code parse} (null for an unknown spelling). */
    <T> T choice(final String key, final T dflt, final Function<String, T> parse, final List<String> allowed) {
        final JsonNode v = node.get(key);
        if (v == null) {
            return dflt;
        }
        final String expected = "one of " + quoted(allowed);
        final String text = text(key, v);
        if (text == null) {
            invalid(key, expected, v);
            return dflt;
        }
        final T parsed = parse.apply(text);
        if (parsed == null) {
            final String nearest = Suggestions.nearest(text, allowed);
            invalidValue(key, "expected " + expected + ", found " + describe(v),
                nearest != null ? "did you mean \"" + nearest + "\"?" : "use " + expected);
            return dflt;
        }
        return parsed;
    }

    /** The strings of an array; null (and E0702) when {@code key} is not an array of strings. */
    List<String> stringList(final String key) {
        final JsonNode v = node.get(key);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            invalid(key, "an array of strings", v);
            return null;
        }
        final List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            final JsonNode e = v.get(i);
            if (!e.isTextual()) {
                diag.problem(ErrorCode.E0702, "invalid `" + keyPath(key) + "[" + i + "]`: expected a string, found "
                    + describe(e), keyPath(key) + "[" + i + "]", "write every element as a quoted string");
                return null;
            }
            out.add(e.textValue());
        }
        return out;
    }

    /** Reports E0702 for {@code key}: expected vs what was found. */
    void invalid(final String key, final String expected, final JsonNode found) {
        invalidValue(key, "expected " + expected + ", found " + describe(found),
            "set `" + keyPath(key) + "` to " + expected);
    }

    /** Reports E0702 for {@code key} with a custom detail and help. */
    void invalidValue(final String key, final String detail, final String help) {
        diag.problem(ErrorCode.E0702, "invalid `" + keyPath(key) + "`: " + detail, keyPath(key), help);
    }

    /**
     * The text of a string value. A value set by `--config` or a `TORVYN_*` variable that happened to parse as a
     * number or boolean ("--config journal.path=2024") is read back as the text the user typed.
     */
    private String text(final String key, final JsonNode v) {
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isValueNode()) {
            final Diagnostics.Origin origin = diag.originOf(keyPath(key));
            if (origin != null && origin.rawText() != null) {
                return origin.rawText();
            }
        }
        return null;
    }

    static String describe(final JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            return "nothing";
        }
        if (v.isTextual()) {
            final String t = v.textValue();
            return "string \"" + (t.length() > MAX_SHOWN_CHARS ? t.substring(0, MAX_SHOWN_CHARS) + "..." : t) + "\"";
        }
        if (v.isBoolean()) {
            return "boolean " + v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return "integer " + v.asText();
        }
        if (v.isNumber()) {
            return "float " + v.asText();
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isObject()) {
            return "a table";
        }
        return v.getNodeType().name().toLowerCase();
    }

    private static String range(final String noun, final String min, final String max) {
        return max == null ? noun + " >= " + min : noun + " in " + min + ".." + max;
    }

    private static String quoted(final List<String> allowed) {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < allowed.size(); i++) {
            if (i > 0) {
                sb.append(i == allowed.size() - 1 ? " or " : ", ");
            }
            sb.append('"').append(allowed.get(i)).append('"');
        }
        return sb.toString();
    }
}
