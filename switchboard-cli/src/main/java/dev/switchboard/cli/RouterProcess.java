package dev.switchboard.cli;

import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.pipeline.RouterPipeline;
import dev.switchboard.server.SwitchboardServer;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the server for a config, wires the pipeline, and blocks until the process is asked to stop. */
final class RouterProcess {

    private static final Logger log = LoggerFactory.getLogger(RouterProcess.class);

    private RouterProcess() {}

    static SwitchboardServer start(SwitchboardConfig config) {
        SwitchboardServer server = SwitchboardServer.start(config, RouterPipeline::new);
        log.info("Switchboard listening on http://{}:{} — {} models, {} decisions, routing names {}",
                config.server().host(), server.port(), config.models().size(), config.decisions().size(),
                config.routing().autoModelNames());
        return server;
    }

    static void awaitShutdown(AutoCloseable... resources) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (AutoCloseable resource : resources) {
                try {
                    resource.close();
                } catch (Exception e) {
                    log.warn("Error while shutting down", e);
                }
            }
            stopped.countDown();
        }, "switchboard-shutdown"));
        stopped.await();
    }
}
