package dev.switchboard.cli;

import dev.switchboard.core.config.yaml.ConfigException;
import dev.switchboard.core.config.yaml.ConfigLoader;
import dev.switchboard.core.config.SwitchboardConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code switchboard config validate FILE}: reports every error of a config file, or a summary when it is valid. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Work with config files.",
        subcommands = ConfigCommand.Validate.class)
final class ConfigCommand {

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check a config file; prints every error with its path and a hint. Exit code 1 if invalid.")
    static final class Validate implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "FILE", description = "YAML config file")
        Path file;

        @Override
        public Integer call() {
            try {
                SwitchboardConfig config = ConfigLoader.load(file);
                System.out.printf("%s is valid: %d models, %d decisions, default model '%s'.%n", file,
                        config.models().size(), config.decisions().size(), config.routing().defaultModel());
                return 0;
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return 1;
            }
        }
    }
}
