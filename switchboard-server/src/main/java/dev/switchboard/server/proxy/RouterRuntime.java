package dev.switchboard.server.proxy;

import com.linecorp.armeria.client.ClientFactory;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.pipeline.RouterPipeline;

/** Everything one config version serves with: its pipeline and its model backends. Immutable. */
record RouterRuntime(RouterPipeline pipeline, FallbackCaller caller) {

    static RouterRuntime of(RouterPipeline pipeline, ClientFactory factory) {
        SwitchboardConfig config = pipeline.config();
        return new RouterRuntime(pipeline,
                new FallbackCaller(Backends.create(config, factory), config.upstream()));
    }

    SwitchboardConfig config() {
        return pipeline.config();
    }
}
