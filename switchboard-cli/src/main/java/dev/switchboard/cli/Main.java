package dev.switchboard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code switchboard} command line. */
@Command(name = "switchboard", mixinStandardHelpOptions = true, version = "switchboard 0.1.0",
        description = "A semantic router for LLM traffic: an OpenAI-compatible gateway that picks the model.",
        subcommands = {ServeCommand.class, DemoCommand.class, ConfigCommand.class, ClassifyCommand.class,
                TrainCommand.class, EvalCommand.class, ConvertCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (tests call this rather than {@link #main}). */
    public static int run(String... args) {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("error: " + e.getMessage());
                    return 1;
                })
                .execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
