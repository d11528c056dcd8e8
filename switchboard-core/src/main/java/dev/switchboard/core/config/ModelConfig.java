package dev.switchboard.core.config;

import java.util.List;

/**
 * One model Switchboard can route to.
 *
 * @param name            the name clients and decisions use
 * @param type            {@code openai} (any OpenAI-compatible server) or {@code echo} (built-in dry-run backend)
 * @param providerModelId the {@code model} value sent upstream (defaults to {@code name})
 * @param reasoningFamily how reasoning is switched for this model
 * @param endpoints       weighted endpoints; requests are balanced across them
 * @param apiKeyEnv       name of the environment variable holding the bearer token, or null
 * @param pricing         price per million tokens, used for {@code llm_model_cost_total}
 * @param piiPolicy       the personal data this model may receive
 */
public record ModelConfig(String name, BackendType type, String providerModelId, ReasoningFamily reasoningFamily,
                          List<EndpointConfig> endpoints, String apiKeyEnv, Pricing pricing,
                          GuardSettings.PiiPolicy piiPolicy) {

    public ModelConfig {
        endpoints = List.copyOf(endpoints);
    }

    /** A model that may receive any personal data. */
    public ModelConfig(String name, BackendType type, String providerModelId, ReasoningFamily reasoningFamily,
                       List<EndpointConfig> endpoints, String apiKeyEnv, Pricing pricing) {
        this(name, type, providerModelId, reasoningFamily, endpoints, apiKeyEnv, pricing,
                GuardSettings.PiiPolicy.ALLOW_ALL);
    }

    /** Where requests for a model go. */
    public enum BackendType { OPENAI, ECHO }

    /**
     * @param url    base URL including the API prefix, e.g. {@code http://10.0.0.5:8000/v1}
     * @param weight relative share of traffic (≥ 1)
     */
    public record EndpointConfig(String url, int weight) {}

    /** Prices per one million tokens, in the operator's currency. */
    public record Pricing(double inputPerMillion, double outputPerMillion) {
        public static final Pricing FREE = new Pricing(0, 0);

        public double cost(long promptTokens, long completionTokens) {
            return (promptTokens * inputPerMillion + completionTokens * outputPerMillion) / 1_000_000d;
        }
    }
}
