package dev.switchboard.core.config.yaml;

import dev.switchboard.core.config.GuardSettings;
import dev.switchboard.core.config.ModelConfig;
import dev.switchboard.core.config.ReasoningFamily;
import dev.switchboard.core.config.ModelConfig.BackendType;
import dev.switchboard.core.config.ModelConfig.EndpointConfig;
import dev.switchboard.core.config.ModelConfig.Pricing;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the {@code models} list. */
final class ModelsReader {

    static final Set<String> MODEL_KEYS = Set.of("name", "type", "provider_model_id", "reasoning_family",
            "api_key_env", "pricing", "endpoints", "pii_policy");
    static final Set<String> PII_POLICY_KEYS = Set.of("allow_by_default", "pii_types_allowed");
    static final Set<String> PRICING_KEYS = Set.of("input_per_1m", "output_per_1m");
    static final Set<String> ENDPOINT_KEYS = Set.of("url", "weight");
    private static final String URL_EXAMPLE = "use an absolute http(s) URL such as http://127.0.0.1:8000/v1";

    private ModelsReader() {}

    /** The models by name, in file order; at least one is required. */
    static Map<String, ModelConfig> read(ConfigNode root) {
        if (!root.has("models")) {
            root.error("models", "at least one model is required", "add a `models:` list; see config/reference.yaml");
            return Map.of();
        }
        List<ConfigNode> items = root.items("models");
        root.check(!root.child("models").isEmptyList(), "models", "at least one model is required", null);
        Map<String, ModelConfig> models = new LinkedHashMap<>();
        for (ConfigNode item : items) {
            ModelConfig model = model(item);
            if (model != null && model.name() != null) {
                models.putIfAbsent(model.name(), model);
            }
        }
        UniqueNames.check(items, "model");
        return models;
    }

    private static ModelConfig model(ConfigNode node) {
        if (!node.expectObject("a model")) {
            return null;
        }
        node.rejectUnknown(MODEL_KEYS);
        String name = node.string("name");
        BackendType type = node.enumOr("type", BackendType.class, null);
        String providerModelId = node.stringOr("provider_model_id", name);
        ReasoningFamily family = node.enumOr("reasoning_family", ReasoningFamily.class, ReasoningFamily.NONE);
        String apiKeyEnv = apiKeyEnv(node);
        Pricing pricing = pricing(node.object("pricing"));
        List<EndpointConfig> endpoints = node.list("endpoints", ModelsReader::endpoint);
        if (type == BackendType.OPENAI || !node.has("type")) {
            requireEndpoints(node); // not for a misspelt type: the endpoint error would only add noise
        }
        BackendType backend = type == null ? BackendType.OPENAI : type;
        return new ModelConfig(name, backend, providerModelId, family, endpoints, apiKeyEnv, pricing,
                piiPolicy(node.object("pii_policy")));
    }

    private static GuardSettings.PiiPolicy piiPolicy(ConfigNode node) {
        node.rejectUnknown(PII_POLICY_KEYS);
        boolean allowByDefault = node.boolOr("allow_by_default", true);
        List<String> allowed = node.stringList("pii_types_allowed", List.of());
        for (String type : allowed) {
            node.check(GuardsReader.PII_TYPES.contains(type), "pii_types_allowed", "unknown PII type `" + type + "`",
                    Suggestions.hint(type, GuardsReader.PII_TYPES, "PII types"));
        }
        return new GuardSettings.PiiPolicy(allowByDefault, java.util.Set.copyOf(allowed));
    }

    /** An openai model without endpoints could never serve; echo models need none. */
    private static void requireEndpoints(ConfigNode node) {
        ConfigNode endpoints = node.child("endpoints");
        if (endpoints.isAbsent() || endpoints.isEmptyList()) {
            node.error("endpoints", "an openai model needs at least one endpoint",
                    "add `endpoints: [{url: http://127.0.0.1:8000/v1}]`, or use `type: echo` for a dry run");
        }
    }

    /** The key itself is read when a request is sent; checking now turns a 401 at 3am into a failed deploy. */
    private static String apiKeyEnv(ConfigNode node) {
        String variable = node.stringOr("api_key_env", null);
        String token = variable == null ? null : node.envValue(variable);
        if (variable != null && (token == null || token.isBlank())) {
            String problem = token == null ? "not set" : "empty";
            node.error("api_key_env", "environment variable `" + variable + "` is " + problem, "export "
                    + variable + "=<token> before starting, or remove api_key_env for endpoints without auth");
        }
        return variable;
    }

    private static Pricing pricing(ConfigNode node) {
        node.rejectUnknown(PRICING_KEYS);
        double input = nonNegative(node, "input_per_1m");
        double output = nonNegative(node, "output_per_1m");
        return new Pricing(input, output);
    }

    private static double nonNegative(ConfigNode node, String key) {
        double value = node.doubleOr(key, 0);
        return node.check(value >= 0, key, "`" + key + "` must not be negative", null) ? value : 0;
    }

    private static EndpointConfig endpoint(ConfigNode node) {
        if (!node.expectObject("an endpoint")) {
            return null;
        }
        node.rejectUnknown(ENDPOINT_KEYS);
        String url = node.string("url");
        if (url != null && !url.isBlank()) {
            checkUrl(node, url);
        }
        int weight = node.intOr("weight", 1);
        node.check(weight >= 1, "weight", "`weight` must be at least 1", "weights are relative shares of traffic");
        return new EndpointConfig(url, Math.max(weight, 1));
    }

    private static void checkUrl(ConfigNode node, String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            boolean http = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
            node.check(http && uri.getHost() != null, "url", "`" + url + "` is not an absolute http(s) URL",
                    URL_EXAMPLE);
        } catch (URISyntaxException e) {
            node.error("url", "`" + url + "` is not a valid URL: " + e.getReason(), URL_EXAMPLE);
        }
    }
}
