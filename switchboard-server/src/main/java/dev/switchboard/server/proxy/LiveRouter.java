package dev.switchboard.server.proxy;

import com.linecorp.armeria.client.ClientFactory;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.pipeline.RouterPipeline;
import dev.switchboard.server.metrics.RouterMetrics;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The router as currently configured. A reload builds a complete new runtime first and then swaps it in one step,
 * so a request sees either the old config or the new one, never a mix, and a config that fails to build is never
 * swapped in.
 */
public final class LiveRouter {

    private final Function<SwitchboardConfig, RouterPipeline> pipelines;
    private final ClientFactory clients;
    private final RouterMetrics metrics;
    private final AtomicReference<RouterRuntime> current = new AtomicReference<>();

    /**
     * @param pipelines builds a pipeline for a config (wiring adds the encoder and ML signals here)
     */
    public LiveRouter(SwitchboardConfig initial, Function<SwitchboardConfig, RouterPipeline> pipelines,
                      ClientFactory clients, RouterMetrics metrics) {
        this.pipelines = pipelines;
        this.clients = clients;
        this.metrics = metrics;
        reload(initial);
    }

    /** Builds and swaps in a runtime for {@code config}; throws, leaving the old one serving, if it cannot. */
    public void reload(SwitchboardConfig config) {
        RouterRuntime runtime = RouterRuntime.of(pipelines.apply(config), clients, metrics);
        runtime.pipeline().cache().ifPresent(cache -> metrics.watchCache(cache.store()));
        current.set(runtime);
    }

    public SwitchboardConfig config() {
        return current.get().config();
    }

    /** The pipeline now serving. */
    public RouterPipeline pipeline() {
        return current.get().pipeline();
    }

    RouterRuntime current() {
        return current.get();
    }

    RouterMetrics metrics() {
        return metrics;
    }
}
