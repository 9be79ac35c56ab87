package io.torvyn.tools;

import java.util.List;
import java.util.Locale;

/**
 * The starting points of `torvyn init`: which example components a new project gets and which data files its flow
 * reads. The component sources, their prebuilt .wasm and torvyn.h are copied into the tools jar from examples/ and
 * sdk/ at build time, so a template can never drift from the examples the engine tests exercise.
 */
enum ProjectTemplate {
    TRANSFORM("a file through an upper-casing processor into a file", List.of("uppercase"), List.of("input.txt")),
    FILTER("a file through a size filter into a file", List.of("size_filter"), List.of("input.txt")),
    ROUTER("two files of different content types routed to two files", List.of("content_router"),
        List.of("events.ndjson", "notes.txt")),
    SOURCE("a source component into a file", List.of("sequence_source"), List.of()),
    SINK("a file into a counting sink component", List.of("stats_sink"), List.of("input.txt")),
    AGGREGATOR("a file through a counting aggregator into a file", List.of("counter"), List.of("input.txt")),
    FULL_PIPELINE("every role in one flow: sources, router, processors, filter, aggregator, sinks",
        List.of("sequence_source", "content_router", "redact", "size_filter", "uppercase", "counter", "stats_sink"),
        List.of("events.ndjson"));

    static final ProjectTemplate DEFAULT = TRANSFORM;

    private final String description;
    private final List<String> components;
    private final List<String> dataFiles;

    ProjectTemplate(final String description, final List<String> components, final List<String> dataFiles) {
        this.description = description;
        this.components = components;
        this.dataFiles = dataFiles;
    }

    /** The name users type: {@code transform}, …, {@code full-pipeline}. */
    String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    String description() {
        return description;
    }

    /** Example component names (examples/components/c/NAME.c) the project gets. */
    List<String> components() {
        return components;
    }

    /** Files under templates/data the flow reads, copied to data/. */
    List<String> dataFiles() {
        return dataFiles;
    }

    /** The template called {@code id}, or null. */
    static ProjectTemplate byId(final String id) {
        for (final ProjectTemplate template : values()) {
            if (template.id().equals(id)) {
                return template;
            }
        }
        return null;
    }

    static String ids() {
        final StringBuilder sb = new StringBuilder();
        for (final ProjectTemplate template : values()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(template.id());
        }
        return sb.toString();
    }
}
