package dev.switchboard.server.proxy;

import com.linecorp.armeria.client.ClientFactory;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.listener.CompositeListener;
import dev.switchboard.core.pipeline.RouterPipeline;
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
    private final CompositeListener listener;
    private final AtomicReference<RouterRuntime> current = new AtomicReference<>();

    /**
     * @param pipelines builds a pipeline for a config (wiring adds the encoder and ML signals here)
     * @param listener  hears every request's events, and each config version that starts serving
     */
    public LiveRouter(SwitchboardConfig initial, Function<SwitchboardConfig, RouterPipeline> pipelines,
                      ClientFactory clients, CompositeListener listener) {
        this(pipelines, clients, listener);
        reload(initial);
    }

    /** A router with nothing loaded yet: {@link #reload} must succeed before a request may reach it. */
    public LiveRouter(Function<SwitchboardConfig, RouterPipeline> pipelines, ClientFactory clients,
                      CompositeListener listener) {
        this.pipelines = pipelines;
        this.clients = clients;
        this.listener = listener;
    }

    /** Builds and swaps in a runtime for {@code config}; throws, leaving the old one serving, if it cannot. */
    public void reload(SwitchboardConfig config) {
        RouterRuntime runtime = RouterRuntime.of(pipelines.apply(config), clients);
        current.set(runtime);
        listener.configApplied(config, runtime.pipeline().cache().map(c -> c.store()).orElse(null));
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

    CompositeListener listener() {
        return listener;
    }
}
