package dev.switchboard.cli;

import dev.switchboard.core.config.yaml.ConfigLoader;
import dev.switchboard.core.config.yaml.ConfigWatcher;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.extproc.ExtProcServer;
import dev.switchboard.server.SwitchboardServer;
import dev.switchboard.server.dashboard.ConfigSource;
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
    private final ExtProcServer extProc;

    private RouterProcess(PipelineFactory pipelines, SwitchboardServer server, ConfigWatcher watcher) {
        this.pipelines = pipelines;
        this.server = server;
        this.watcher = watcher;
        this.extProc = startExtProc(server);
    }

    /** The Envoy ext_proc listener on the same running router, when `extproc.enabled` (read once, at start). */
    private static ExtProcServer startExtProc(SwitchboardServer server) {
        var settings = server.config().extProc();
        if (!settings.enabled()) {
            return null;
        }
        ExtProcServer extProc = ExtProcServer.start(settings, server.handle());
        log.info("Envoy ext_proc (gRPC) on {}:{}", settings.host(), extProc.port());
        if (!server.config().auth().enabled() && !isLoopback(settings.host())) {
            log.warn("WARNING: no `auth` section: the ext_proc listener on {}:{} routes requests for anyone who "
                    + "reaches it; add client API keys or keep extproc.host on 127.0.0.1", settings.host(),
                    extProc.port());
        }
        return extProc;
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
        server.configSource(ConfigSource.file(file, override)); // the dashboard's config page edits this file
        ConfigWatcher watcher = ConfigWatcher.start(file, initial, changed -> {
            boolean wasClosed = server.config().auth().enabled();
            if (override.apply(changed).equals(server.config())) {
                return; // the dashboard applied this version already, then wrote the file
            }
            server.reload(override.apply(changed));
            if (wasClosed && !changed.auth().enabled()) {
                warnIfOpen(server.config(), server.port()); // an edit dropping `auth` opened the API
            }
            if (changed.auth().rateLimitStore() != initial.auth().rateLimitStore()) {
                log.warn("auth.rate_limit_store changed in {}; the limits stay in the {} store until a restart",
                        file, initial.auth().rateLimitStore().name().toLowerCase(java.util.Locale.ROOT));
            }
            log.info("Reloaded {}: {} models, {} decisions", file, changed.models().size(),
                    changed.decisions().size());
        }, pollInterval);
        return new RouterProcess(pipelines, server, watcher);
    }

    private static SwitchboardServer startServer(SwitchboardConfig config, PipelineFactory pipelines) {
        SwitchboardServer server = SwitchboardServer.start(config, pipelines, java.util.List.of(),
                RateLimitStores.open(config));
        log.info("Switchboard listening on http://{}:{} — {} models, {} decisions, routing names {}",
                config.server().host(), server.port(), config.models().size(), config.decisions().size(),
                config.routing().autoModelNames());
        if (server.adminPort() >= 0) {
            log.info("Admin plane (/metrics, /admin/cache{}) on http://{}:{}{}",
                    config.admin().dashboard().enabled() ? ", /dashboard" : "", config.admin().host(),
                    server.adminPort(), config.admin().token() == null ? "" : ", behind admin.token");
        }
        warnIfOpen(config, server.port());
        return server;
    }

    /** An open API spends the operator's upstream keys for anyone who reaches it: say so where it cannot be missed. */
    private static void warnIfOpen(SwitchboardConfig config, int port) {
        if (config.auth().enabled()) {
            log.info("Client authentication on: {} API keys ({})", config.auth().keys().size(),
                    config.auth().keys().stream().map(k -> k.name()).collect(java.util.stream.Collectors.joining(", ")));
            return;
        }
        String host = config.server().host();
        if (isLoopback(host)) {
            log.warn("WARNING: no `auth` section: the API is OPEN to every local process ({}:{} is loopback only)",
                    host, port);
            return;
        }
        log.warn("""
                ************************************************************************************************
                WARNING: no `auth` section: the API on {}:{} is OPEN. Anyone who reaches it can use your models
                (and the upstream keys this router adds). Add client API keys (see "Securing Switchboard" in the
                README), or keep server.host on 127.0.0.1.
                ************************************************************************************************""",
                host, port);
    }

    private static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
    }

    /** Lets the dashboard's config page show and rewrite {@code source}. */
    void configSource(ConfigSource source) {
        server.configSource(source);
    }

    /** Serves {@code config} from now on, as a file edit would. */
    void reload(SwitchboardConfig config) {
        server.reload(config);
    }

    int port() {
        return server.port();
    }

    /** The admin listener's port, -1 when it is off. */
    int adminPort() {
        return server.adminPort();
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

    /** The ext_proc listener's port, -1 when it is off. */
    int extProcPort() {
        return extProc == null ? -1 : extProc.port();
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.close();
        }
        server.drain(); // both listeners keep serving through the quiet period
        if (extProc != null) {
            extProc.close(); // finishes Envoy's streams in flight
        }
        server.close();
        pipelines.close();
    }
}
