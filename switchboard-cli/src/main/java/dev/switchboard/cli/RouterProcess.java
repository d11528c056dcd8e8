package dev.switchboard.cli;

import dev.switchboard.core.config.yaml.ConfigLoader;
import dev.switchboard.core.config.yaml.ConfigWatcher;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.server.SwitchboardServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running router: the server, wired with its pipeline, and (for a config file) the watcher that reloads it. */
final class RouterProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RouterProcess.class);

    private final PipelineFactory pipelines;
    private final SwitchboardServer server;
    private final ConfigWatcher watcher;

    private RouterProcess(PipelineFactory pipelines, SwitchboardServer server, ConfigWatcher watcher) {
        this.pipelines = pipelines;
        this.server = server;
        this.watcher = watcher;
    }

    /** Starts a router on a fixed config. */
    static RouterProcess start(SwitchboardConfig config) {
        return start(config, new PipelineFactory());
    }

    /** Starts a router on a fixed config with {@code pipelines} (e.g. one that wraps the encoder). */
    static RouterProcess start(SwitchboardConfig config, PipelineFactory pipelines) {
        return new RouterProcess(pipelines, startServer(config, pipelines), null);
    }

    /**
     * Starts a router on {@code file} and applies each valid edit of it; {@code override} adjusts every version
     * (command-line options win over the file).
     */
    static RouterProcess serve(Path file, UnaryOperator<SwitchboardConfig> override, Duration pollInterval) {
        SwitchboardConfig initial = override.apply(ConfigLoader.load(file));
        PipelineFactory pipelines = new PipelineFactory();
        SwitchboardServer server = startServer(initial, pipelines);
        ConfigWatcher watcher = ConfigWatcher.start(file, initial, changed -> {
            server.reload(override.apply(changed));
            log.info("Reloaded {}: {} models, {} decisions", file, changed.models().size(),
                    changed.decisions().size());
        }, pollInterval);
        return new RouterProcess(pipelines, server, watcher);
    }

    private static SwitchboardServer startServer(SwitchboardConfig config, PipelineFactory pipelines) {
        SwitchboardServer server = SwitchboardServer.start(config, pipelines);
        log.info("Switchboard listening on http://{}:{} — {} models, {} decisions, routing names {}",
                config.server().host(), server.port(), config.models().size(), config.decisions().size(),
                config.routing().autoModelNames());
        return server;
    }

    /** Serves {@code config} from now on, as a file edit would. */
    void reload(SwitchboardConfig config) {
        server.reload(config);
    }

    int port() {
        return server.port();
    }

    /** Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM), then shuts down cleanly. */
    void awaitShutdown() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            close();
            stopped.countDown();
        }, "switchboard-shutdown"));
        stopped.await();
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        server.close();
        pipelines.close();
    }
}
