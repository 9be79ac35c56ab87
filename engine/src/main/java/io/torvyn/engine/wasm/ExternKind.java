package io.torvyn.engine.wasm;

/** What an import or export is: the contract only deals in functions and one memory, but modules may carry more. */
public enum ExternKind {
    FUNCTION, TABLE, MEMORY, GLOBAL, TAG;

    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
