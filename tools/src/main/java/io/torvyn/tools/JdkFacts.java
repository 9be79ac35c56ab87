package io.torvyn.tools;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The running JDK and whether the module flags Chronicle needs on JDK 17+ are really in effect — checked on the
 * module system itself (is `java.base/sun.nio.ch` exported to us, is `java.lang.reflect` open), not by searching the
 * command line, so a flag spelled wrong or put in the wrong file is caught.
 */
record JdkFacts(String version, String vendor, String vmName, String home, List<String> inputArguments,
                List<String> missingFlags, boolean analyticsDisabled) {

    /** module/package pairs that must be exported to the class path. */
    private static final String[][] EXPORTS = {
        {"java.base", "jdk.internal.ref"}, {"java.base", "sun.nio.ch"}, {"java.base", "jdk.internal.misc"},
        {"jdk.unsupported", "sun.misc"}, {"jdk.compiler", "com.sun.tools.javac.file"}};
    /** module/package pairs that must be open to the class path. */
    private static final String[][] OPENS = {
        {"jdk.compiler", "com.sun.tools.javac"}, {"java.base", "java.lang"}, {"java.base", "java.lang.reflect"},
        {"java.base", "java.io"}, {"java.base", "java.util"}, {"java.base", "java.nio"}};

    static JdkFacts detect() {
        final Module us = JdkFacts.class.getModule();
        final List<String> missing = new ArrayList<>();
        for (final String[] e : EXPORTS) {
            final Optional<Module> m = ModuleLayer.boot().findModule(e[0]);
            if (m.isPresent() && !m.get().isExported(e[1], us)) {
                missing.add("--add-exports=" + e[0] + "/" + e[1] + "=ALL-UNNAMED");
            }
        }
        for (final String[] o : OPENS) {
            final Optional<Module> m = ModuleLayer.boot().findModule(o[0]);
            if (m.isPresent() && !m.get().isOpen(o[1], us)) {
                missing.add("--add-opens=" + o[0] + "/" + o[1] + "=ALL-UNNAMED");
            }
        }
        return new JdkFacts(System.getProperty("java.version"), System.getProperty("java.vendor"),
            System.getProperty("java.vm.name"), System.getProperty("java.home"),
            ManagementFactory.getRuntimeMXBean().getInputArguments(), missing,
            "true".equals(System.getProperty("chronicle.analytics.disable")));
    }

    /** True when every module flag is in effect. */
    boolean chronicleFlagsActive() {
        return missingFlags.isEmpty();
    }
}
