package dev.switchboard.core.config.yaml;

import dev.switchboard.core.config.CacheSettings;
import dev.switchboard.core.config.PluginConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** Reads a decision's {@code plugins} list; the {@code type} key picks the plugin. */
final class PluginsReader {

    static final String SYSTEM_PROMPT = "system_prompt";
    static final String FAST_RESPONSE = "fast_response";
    static final String CACHE = "cache";
    static final String JAILBREAK = "jailbreak";
    static final String PII = "pii";
    static final String TOOLS = "tools";

    private static final Set<String> TYPES = Set.of(SYSTEM_PROMPT, FAST_RESPONSE, CACHE, JAILBREAK, PII, TOOLS);
    static final Set<String> CACHE_KEYS = Set.of("type", "enabled", "mode", "similarity_threshold", "ttl");
    static final Set<String> SYSTEM_PROMPT_KEYS = Set.of("type", "system_prompt", "mode");
    static final Set<String> FAST_RESPONSE_KEYS = Set.of("type", "message");
    static final Set<String> JAILBREAK_KEYS = Set.of("type", "enabled", "threshold", "action", "response");
    static final Set<String> PII_KEYS = Set.of("type", "enabled", "action", "restore", "min_confidence");

    private PluginsReader() {}

    static List<PluginConfig> read(ConfigNode decision) {
        List<ConfigNode> items = decision.items("plugins");
        rejectRepeatedTypes(items);
        return items.stream().map(PluginsReader::plugin).filter(Objects::nonNull).toList();
    }

    private static PluginConfig plugin(ConfigNode node) {
        if (!node.expectObject("a plugin")) {
            return null;
        }
        String type = type(node);
        if (type == null) {
            node.rejectUnknown(allPluginKeys()); // still report stray keys though the type is unusable
            return null;
        }
        return switch (type) {
            case SYSTEM_PROMPT -> systemPrompt(node);
            case FAST_RESPONSE -> fastResponse(node);
            case CACHE -> cache(node);
            case JAILBREAK -> jailbreak(node);
            case PII -> pii(node);
            case TOOLS -> ToolsReader.plugin(node);
            default -> throw new IllegalStateException("unhandled plugin type " + type);
        };
    }

    /** The plugin type in lower case, or null (and an error) if missing or unknown. */
    private static String type(ConfigNode node) {
        String raw = node.string("type");
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String type = raw.trim().toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            node.error("type", "unknown plugin type `" + raw + "`", Suggestions.hint(raw, TYPES, "plugin types"));
            return null;
        }
        return type;
    }

    private static PluginConfig systemPrompt(ConfigNode node) {
        node.rejectUnknown(SYSTEM_PROMPT_KEYS);
        String prompt = node.string(SYSTEM_PROMPT);
        PluginConfig.SystemPrompt.Mode mode =
                node.enumOr("mode", PluginConfig.SystemPrompt.Mode.class, PluginConfig.SystemPrompt.Mode.INSERT);
        return new PluginConfig.SystemPrompt(prompt, mode);
    }

    private static PluginConfig fastResponse(ConfigNode node) {
        node.rejectUnknown(FAST_RESPONSE_KEYS);
        return new PluginConfig.FastResponse(node.string("message"));
    }

    private static PluginConfig cache(ConfigNode node) {
        node.rejectUnknown(CACHE_KEYS);
        Double threshold = node.optionalDouble("similarity_threshold");
        if (threshold != null) {
            node.check(threshold > 0 && threshold <= 1, "similarity_threshold", "`similarity_threshold` "
                    + threshold + " is outside (0, 1]", "a cosine similarity; `switchboard eval cache` recommends one");
        }
        java.time.Duration ttl = node.has("ttl") ? node.durationOr("ttl", null) : null;
        CacheSettings.Mode mode = node.has("mode") ? node.enumOr("mode", CacheSettings.Mode.class, null) : null;
        return new PluginConfig.Cache(node.optionalBool("enabled"), mode, threshold, ttl);
    }

    /** Overrides {@code guards.jailbreak} for this decision; the guard's fields are checked as they are there. */
    private static PluginConfig jailbreak(ConfigNode node) {
        node.rejectUnknown(JAILBREAK_KEYS);
        return new PluginConfig.Jailbreak(node.optionalBool("enabled"), GuardsReader.threshold(node),
                GuardsReader.jailbreakAction(node), GuardsReader.response(node));
    }

    /** Overrides {@code guards.pii} for this decision. */
    private static PluginConfig pii(ConfigNode node) {
        node.rejectUnknown(PII_KEYS);
        return new PluginConfig.Pii(node.optionalBool("enabled"), GuardsReader.piiAction(node),
                node.optionalBool("restore"), GuardsReader.minConfidence(node));
    }

    /** Two system prompts on one decision would silently fight; make the operator pick one. */
    private static void rejectRepeatedTypes(List<ConfigNode> items) {
        Set<String> seen = new HashSet<>();
        for (ConfigNode item : items) {
            String type = item.peekText("type");
            if (type != null && !seen.add(type.trim().toLowerCase(Locale.ROOT))) {
                item.error("type", "plugin `" + type + "` appears more than once in this decision",
                        "keep one " + type + " entry");
            }
        }
    }

    private static Set<String> allPluginKeys() {
        Set<String> all = new HashSet<>(SYSTEM_PROMPT_KEYS);
        all.addAll(FAST_RESPONSE_KEYS);
        all.addAll(CACHE_KEYS);
        all.addAll(JAILBREAK_KEYS);
        all.addAll(PII_KEYS);
        all.addAll(ToolsReader.PLUGIN_KEYS);
        return all;
    }
}
