package io.torvyn.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The `torvyn` command. Sub-commands parse arguments and render; everything they do is in the engine and journal
 * modules, so the CLI stays a thin shell that scripts and tests can drive in-process.
 */
@Command(name = "torvyn", mixinStandardHelpOptions = true, version = "torvyn 0.1.0",
    description = "Low-latency streaming pipelines of sandboxed WebAssembly components.",
    subcommands = {InitCommand.class, CheckCommand.class, RunCommand.class, TraceCommand.class, BenchCommand.class,
        ReplayCommand.class, AnalyzeCommand.class, InspectCommand.class, DoctorCommand.class})
public final class Torvyn implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }

    /** Runs the command line and returns its exit code (tests call this instead of {@link #main}). */
    public static int execute(final String... args) {
        final CommandLine cl = new CommandLine(new Torvyn());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("error[E0900]: internal error: " + ex);
            ex.printStackTrace(commandLine.getErr());
            return 1;
        });
        cl.setParameterExceptionHandler((ex, args1) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return 2;
        });
        return cl.execute(args);
    }

    public static void main(final String[] args) {
        System.exit(execute(args));
    }
}
