package io.torvyn.engine.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.torvyn.engine.config.Suggestions;
import io.torvyn.engine.config.Units;
import io.torvyn.engine.error.ErrorCode;
import io.torvyn.engine.error.Problem;
import io.torvyn.engine.error.TorvynException;

import java.util.Iterator;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The JSON `config` string of a built-in node, read with the same rules as the manifest: unknown keys are E0703 with
 * the nearest known key, wrong types E0702 with expected vs found, and every message names the node's config key.
 * Used at construction time only.
 */
final class BuiltinConfig {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode root;
    private final String where;

    private BuiltinConfig(final JsonNode root, final String where) {
        this.root = root;
        this.where = where;
    }

    static BuiltinConfig parse(final String text, final String where, final Set<String> known) {
        final JsonNode root;
        try {
            root = text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (final Exception e) {
            throw invalid(where, "config is not valid JSON: " + firstLine(e.getMessage()),
                "write the node's config as a JSON object, e.g. '{\"path\":\"in.txt\"}'");
        }
        if (root == null || !root.isObject()) {
            throw invalid(where, "config must be a JSON object, found " + (root == null ? "nothing" : root.getNodeType()),
                "write the node's config as a JSON object");
        }
        final Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            final String key = names.next();
            if (!known.contains(key)) {
                throw new TorvynException(new Problem(ErrorCode.E0703, "unknown key `" + key + "` in built-in config",
                    where, Suggestions.didYouMean(key, known) + " known keys: " + String.join(", ", known)));
            }
        }
        return new BuiltinConfig(root, where);
    }

    boolean has(final String key) {
        final JsonNode n = root.get(key);
        return n != null && !n.isNull();
    }

    String string(final String key, final String fallback) {
        final JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isTextual()) {
            throw wrongType(key, "a string", n);
        }
        return n.asText();
    }

    long integer(final String key, final long fallback, final long min) {
        final JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.canConvertToLong() || !n.isIntegralNumber()) {
            throw wrongType(key, "an integer >= " + min, n);
        }
        final long v = n.asLong();
        if (v < min) {
            throw wrongType(key, "an integer >= " + min, n);
        }
        return v;
    }

    double number(final String key, final double fallback) {
        final JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (!n.isNumber() || n.asDouble() <= 0) {
            throw wrongType(key, "a positive number", n);
        }
        return n.asDouble();
    }

    /** A size: a non-negative integer (bytes) or a string with a unit ("4KiB"). */
    long size(final String key, final long fallback) {
        return withUnit(key, fallback, Units::parseSize, "a size such as 256, \"4KiB\" or \"1MiB\"");
    }

    /** A duration: a string with a unit ("50us") or an integer of nanoseconds. */
    long duration(final String key, final long fallback) {
        return withUnit(key, fallback, Units::parseDuration, "a duration such as \"50us\" or \"2ms\"");
    }

    private long withUnit(final String key, final long fallback, final ToLongFunction<String> parse,
                          final String expected) {
        final JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return fallback;
        }
        if (n.isIntegralNumber() && n.asLong() >= 0) {
            return n.asLong();
        }
        if (n.isTextual()) {
            try {
                return parse.applyAsLong(n.asText());
            } catch (final IllegalArgumentException e) {
                throw wrongType(key, expected, n);
            }
        }
        throw wrongType(key, expected, n);
    }

    TorvynException wrongType(final String key, final String expected, final JsonNode found) {
        return invalid(where + " (key `" + key + "`)", "`" + key + "`: expected " + expected + ", found " + found,
            "fix the value of `" + key + "` in the node's config");
    }

    static TorvynException invalid(final String where, final String message, final String help) {
        return new TorvynException(new Problem(ErrorCode.E0702, message, where, help));
    }

    private static String firstLine(final String s) {
        if (s == null) {
            return "";
        }
        final int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
