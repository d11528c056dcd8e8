package dev.switchboard.cli;

import dev.switchboard.core.config.yaml.ConfigWatcher;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard serve --config FILE}: runs the router and reloads the file when it changes. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the router with a config file; valid edits to the file apply without a restart.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, required = true, description = "YAML config file (see config/reference.yaml)")
    Path config;

    @Option(names = "--port", description = "Override server.port from the config")
    Integer port;

    @Override
    public Integer call() throws Exception {
        RouterProcess router = RouterProcess.serve(config,
                c -> port == null ? c : Configs.withPort(c, port), ConfigWatcher.DEFAULT_POLL_INTERVAL);
        router.awaitShutdown();
        return 0;
    }
}
