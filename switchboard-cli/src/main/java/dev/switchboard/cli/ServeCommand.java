package dev.switchboard.cli;

import dev.switchboard.core.config.ConfigLoader;
import dev.switchboard.core.config.ConfigWatcher;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.server.SwitchboardServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code switchboard serve --config FILE}: runs the router and reloads the file when it changes. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the router with a config file; valid edits to the file apply without a restart.")
final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = {"-c", "--config"}, required = true, description = "YAML config file (see config/reference.yaml)")
    Path config;

    @Option(names = "--port", description = "Override server.port from the config")
    Integer port;

    @Override
    public Integer call() throws Exception {
        SwitchboardConfig initial = withPort(ConfigLoader.load(config));
        SwitchboardServer server = RouterProcess.start(initial);
        ConfigWatcher watcher = ConfigWatcher.start(config, initial, changed -> {
            server.reload(withPort(changed));
            log.info("Reloaded {}: {} models, {} decisions", config, changed.models().size(),
                    changed.decisions().size());
        });
        RouterProcess.awaitShutdown(watcher, server);
        return 0;
    }

    private SwitchboardConfig withPort(SwitchboardConfig c) {
        return port == null ? c : Configs.withPort(c, port);
    }
}
