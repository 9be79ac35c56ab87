package io.torvyn.engine.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.torvyn.engine.error.ErrorCode;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The manifest as a TOML tree, before validation: parsing (E0700), `${VAR}` substitution (E0705), then the
 * `TORVYN_*` variables and the `--config` overrides written into the tree. Overrides go into the tree rather than the
 * model so they are validated by exactly the same rules as file values, and an override of an unknown key is E0703.
 */
final class ConfigTree {

    private static final TomlMapper TOML = new TomlMapper();
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern ARRAY_INDEX = Pattern.compile("0|[1-9][0-9]{0,8}");

    private ConfigTree() {
    }

    /** The tree of {@code text}, or null after reporting E0700 with the parser's line and column. */
    static ObjectNode parse(final String text, final Diagnostics diag) {
        try {
            final JsonNode root = TOML.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
            return root instanceof ObjectNode ? (ObjectNode) root : TOML.createObjectNode();
        } catch (final JsonProcessingException e) {
            final JsonLocation loc = e.getLocation();
            final String at = loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr();
            final String detail = e.getOriginalMessage() == null ? "malformed TOML" : e.getOriginalMessage();
            final String position = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            diag.problemAt(ErrorCode.E0700, "TOML syntax error" + position + ": " + detail, diag.fileLabel() + at,
                "fix the TOML syntax there (check quotes, brackets, `=` and duplicate keys or tables)");
            return null;
        }
    }

    /** Replaces every `${VAR}` in every string value below {@code node}; an unset variable is E0705. */
    static void substituteEnv(final JsonNode node, final String path, final Map<String, String> env,
                              final Diagnostics diag) {
        if (node instanceof ObjectNode) {
            final ObjectNode obj = (ObjectNode) node;
            final Iterator<Map.Entry<String, JsonNode>> fields = obj.fields();
            while (fields.hasNext()) {
                final Map.Entry<String, JsonNode> field = fields.next();
                final String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (field.getValue().isTextual()) {
                    field.setValue(TextNode.valueOf(substitute(field.getValue().textValue(), childPath, env, diag)));
                } else {
                    substituteEnv(field.getValue(), childPath, env, diag);
                }
            }
        } else if (node instanceof ArrayNode) {
            final ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                final String childPath = path + "[" + i + "]";
                if (array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(substitute(array.get(i).textValue(), childPath, env, diag)));
                } else {
                    substituteEnv(array.get(i), childPath, env, diag);
                }
            }
        }
    }

    private static String substitute(final String text, final String path, final Map<String, String> env,
                                     final Diagnostics diag) {
        if (text.indexOf("${") < 0) {
            return text;
        }
        final Matcher m = ENV_REFERENCE.matcher(text);
        final StringBuilder out = new StringBuilder();
        while (m.find()) {
            final String value = env.get(m.group(1));
            if (value == null) {
                diag.problem(ErrorCode.E0705, "`${" + m.group(1) + "}` in `" + path
                    + "` names an unset environment variable", path,
                    "set " + m.group(1) + " in the environment, or write the value directly");
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
            } else {
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Writes every `TORVYN_<SECTION>_<KEY>` variable that names a key into the tree (in name order, so the result does
     * not depend on the map's iteration order); one naming no key becomes a warning.
     */
    static void applyEnv(final ObjectNode root, final Map<String, String> env, final Diagnostics diag) {
        for (final Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            final String variable = e.getKey();
            if (!variable.startsWith("TORVYN_")) {
                continue;
            }
            final String keyPath = ConfigSchema.envKeyPath(variable);
            if (keyPath == null) {
                final String nearest = Suggestions.nearest(variable, ConfigSchema.envVariables());
                diag.warning("environment variable " + variable + " names no Torvyn.toml key; ignored"
                    + (nearest == null ? "" : " (did you mean " + nearest + "?)"));
                continue;
            }
            final Diagnostics.Origin origin = new Diagnostics.Origin(
                "environment " + variable + "=" + e.getValue() + " (" + keyPath + ")", e.getValue());
            set(root, keyPath, valueOf(e.getValue()), origin, diag);
        }
    }

    /** Writes every `--config key.path=value` into the tree, later ones winning. */
    static void applyOverrides(final ObjectNode root, final List<String> overrides, final Diagnostics diag) {
        for (final String override : overrides) {
            final int eq = override.indexOf('=');
            if (eq <= 0) {
                diag.problemAt(ErrorCode.E0702, "invalid override `" + override + "`: expected key.path=value",
                    "--config " + override, "write it as --config runtime.worker_threads=4");
                continue;
            }
            final String keyPath = override.substring(0, eq).trim();
            final String raw = override.substring(eq + 1);
            set(root, keyPath, valueOf(raw), new Diagnostics.Origin("--config " + override, raw), diag);
        }
    }

    /** {@code raw} read as a TOML value ("4", "true", "[\"a\"]", "\"x\""), else as the bare string itself. */
    static JsonNode valueOf(final String raw) {
        try {
            final JsonNode doc = TOML.readTree("v = " + raw.trim() + "\n");
            if (doc != null && doc.size() == 1 && doc.has("v")) {
                return doc.get("v");
            }
        } catch (final JsonProcessingException e) {
            // not TOML: the bare text is the value
        }
        return TextNode.valueOf(raw);
    }

    private static void set(final ObjectNode root, final String keyPath, final JsonNode value,
                            final Diagnostics.Origin origin, final Diagnostics diag) {
        final String[] segments = keyPath.split("\\.", -1);
        ContainerNode<?> current = root;
        final StringBuilder shown = new StringBuilder();
        for (int i = 0; i < segments.length; i++) {
            final String segment = segments[i];
            if (segment.isEmpty()) {
                diag.problemAt(ErrorCode.E0702, "invalid key path `" + keyPath + "`: empty segment", origin.describe(),
                    "write the key path as dotted names, e.g. runtime.scheduling.yield_batch");
                return;
            }
            final boolean last = i == segments.length - 1;
            if (current instanceof ArrayNode) {
                final ArrayNode array = (ArrayNode) current;
                if (!ARRAY_INDEX.matcher(segment).matches() || Integer.parseInt(segment) >= array.size()) {
                    diag.problemAt(ErrorCode.E0702, "cannot set `" + keyPath + "`: `" + shown + "` has "
                        + array.size() + " entries, `" + segment + "` is not an index of one", origin.describe(),
                        "index entries from 0, e.g. " + shown + ".0");
                    return;
                }
                final int index = Integer.parseInt(segment);
                shown.append('[').append(index).append(']');
                if (last) {
                    array.set(index, value);
                } else if (array.get(index).isContainerNode()) {
                    current = (ContainerNode<?>) array.get(index);
                } else {
                    notATable(keyPath, shown, array.get(index), origin, diag);
                    return;
                }
            } else {
                final ObjectNode obj = (ObjectNode) current;
                shown.append(shown.length() == 0 ? "" : ".").append(segment);
                if (last) {
                    obj.set(segment, value);
                } else {
                    final JsonNode child = obj.get(segment);
                    if (child == null) {
                        current = obj.putObject(segment);
                    } else if (child.isContainerNode()) {
                        current = (ContainerNode<?>) child;
                    } else {
                        notATable(keyPath, shown, child, origin, diag);
                        return;
                    }
                }
            }
        }
        diag.origin(shown.toString(), origin);
    }

    private static void notATable(final String keyPath, final CharSequence shown, final JsonNode found,
                                  final Diagnostics.Origin origin, final Diagnostics diag) {
        diag.problemAt(ErrorCode.E0702, "cannot set `" + keyPath + "`: `" + shown + "` is "
            + TomlTable.describe(found) + ", not a table", origin.describe(),
            "override a key, not a path through a value");
    }
}
