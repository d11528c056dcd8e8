package dev.switchboard.core.config;

import java.util.List;

/**
 * How a request is routed when no decision matches.
 *
 * @param autoModelNames model names that trigger semantic routing (default {@code auto}, {@code MoM})
 * @param defaultModel   model used when no decision matches and as the last fallback
 * @param decisionRecords whether and where auto-routed requests are recorded for retraining the router
 */
public record RoutingSettings(List<String> autoModelNames, String defaultModel,
                              DecisionRecordSettings decisionRecords) {
    public RoutingSettings {
        autoModelNames = List.copyOf(autoModelNames);
    }

    /** Without decision records. */
    public RoutingSettings(List<String> autoModelNames, String defaultModel) {
        this(autoModelNames, defaultModel, DecisionRecordSettings.DEFAULTS);
    }

    public boolean isAuto(String model) {
        return autoModelNames.contains(model);
    }
}
