package dev.switchboard.server.proxy;

import com.linecorp.armeria.client.ClientFactory;
import dev.switchboard.core.config.ModelConfig;
import dev.switchboard.core.config.SwitchboardConfig;
import java.util.HashMap;
import java.util.Map;

/** Builds one backend per configured model. Clients share one {@link ClientFactory} (connection pools). */
final class Backends {

    private Backends() {}

    static Map<String, ModelBackend> create(SwitchboardConfig config, ClientFactory factory) {
        Map<String, ModelBackend> backends = new HashMap<>();
        for (ModelConfig model : config.models().values()) {
            backends.put(model.name(), switch (model.type()) {
                case ECHO -> new EchoBackend();
                case OPENAI -> new OpenAiBackend(model, config.upstream(), factory);
            });
        }
        return Map.copyOf(backends);
    }
}
