package io.torvyn.engine.journal;

import java.util.ServiceLoader;

/** Finds the journal implementation on the class path once: the journal module when present, else none. */
public final class RunJournals {
    private static volatile RunJournalFactory discovered;

    private RunJournals() {
    }

    /** The registered {@link RunJournalFactory}, or {@link RunJournalFactory#NONE}. */
    public static RunJournalFactory discovered() {
        RunJournalFactory f = discovered;
        if (f == null) {
            f = ServiceLoader.load(RunJournalFactory.class, RunJournals.class.getClassLoader()).findFirst()
                .orElse(RunJournalFactory.NONE);
            discovered = f;
        }
        return f;
    }
}
