package dev.switchboard.core.config;

import java.util.List;

/**
 * How a request is routed when no decision matches.
 *
 * @param autoModelNames model names that trigger semantic routing (default {@code auto}, {@code MoM})
 * @param defaultModel   model used when no decision matches and as the last fallback
 */
public record RoutingSettings(List<String> autoModelNames, String defaultModel) {
    public RoutingSettings {
        autoModelNames = List.copyOf(autoModelNames);
    }

    public boolean isAuto(String model) {
        return autoModelNames.contains(model);
    }
}
