package io.torvyn.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;

/** Lets tests outside this package check a document against schema 1. */
public final class BenchSchemaAccess {
    private BenchSchemaAccess() {
    }

    public static void assertSchema1(final JsonNode doc) {
        BenchSchema.assertSchema1(doc);
    }
}
