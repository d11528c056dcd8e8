package dev.switchboard.core.config.yaml;

import dev.switchboard.core.config.DecisionConfig;
import dev.switchboard.core.config.PluginConfig;
import dev.switchboard.core.config.ToolSettings;
import dev.switchboard.core.config.ToolSettings.Policy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Reads the top-level {@code tools} section and the decisions' {@code tools} plugins. The field readers are shared,
 * so a value is checked the same way wherever it is written.
 */
final class ToolsReader {

    static final Set<String> POLICY_KEYS = Set.of("mode", "top_k", "min_similarity", "when_none_relevant",
            "always_keep");
    static final Set<String> TOOLS_KEYS = union(POLICY_KEYS, Set.of("enabled", "catalogue",
            "max_inline_embeddings"));
    static final Set<String> PLUGIN_KEYS = union(POLICY_KEYS, Set.of("type", "enabled"));

    private ToolsReader() {}

    /** {@code tools: {}} switches selection on for every routed request; {@code enabled: false} keeps it off. */
    static ToolSettings read(ConfigNode node) {
        if (node.isAbsent()) {
            return ToolSettings.NONE;
        }
        node.rejectUnknown(TOOLS_KEYS);
        String catalogue = catalogue(node);
        int inline = maxInlineEmbeddings(node);
        if (!node.boolOr("enabled", true)) {
            return new ToolSettings(null, catalogue, inline);
        }
        Policy d = Policy.DEFAULTS;
        Integer topK = topK(node);
        Double minSimilarity = minSimilarity(node);
        return new ToolSettings(new Policy(node.enumOr("mode", ToolSettings.Mode.class, d.mode()),
                topK != null ? topK : d.topK(), minSimilarity != null ? minSimilarity : d.minSimilarity(),
                node.enumOr("when_none_relevant", ToolSettings.WhenNoneRelevant.class, d.whenNoneRelevant()),
                node.stringList("always_keep", d.alwaysKeep())), catalogue, inline);
    }

    private static int maxInlineEmbeddings(ConfigNode node) {
        int value = node.intOr("max_inline_embeddings", ToolSettings.DEFAULT_MAX_INLINE_EMBEDDINGS);
        return node.check(value >= 0 && value <= 100_000, "max_inline_embeddings", "`max_inline_embeddings` "
                + value + " is outside 0..100000", "unseen tool texts embedded on the request's thread; a tool set "
                + "with more passes through unfiltered until the background has embedded it")
                ? value : ToolSettings.DEFAULT_MAX_INLINE_EMBEDDINGS;
    }

    /** A decision's {@code tools} plugin; each unset field inherits the global section. */
    static PluginConfig.Tools plugin(ConfigNode node) {
        node.rejectUnknown(PLUGIN_KEYS);
        return new PluginConfig.Tools(node.optionalBool("enabled"),
                node.enumOr("mode", ToolSettings.Mode.class, null), topK(node), minSimilarity(node),
                node.enumOr("when_none_relevant", ToolSettings.WhenNoneRelevant.class, null),
                node.has("always_keep") ? node.stringList("always_keep", List.of()) : null);
    }

    /** {@code add} and {@code both} choose from the catalogue: without one they would silently do nothing. */
    static void requireCatalogue(ConfigNode root, ToolSettings tools, List<DecisionConfig> decisions) {
        if (tools.catalogue() != null) {
            return;
        }
        if (tools.global() != null && tools.global().adds()) {
            root.child("tools").error("mode", "mode `" + tools.global().mode().name().toLowerCase()
                    + "` adds tools from a catalogue, but `tools.catalogue` is not set",
                    "set `tools.catalogue: tools_db.json` or use `mode: filter`");
        }
        for (DecisionConfig decision : decisions) {
            Policy policy = tools.policyFor(decision);
            if (policy != null && policy.adds() && (tools.global() == null || !tools.global().adds())) {
                root.error("decision `" + decision.name() + "` adds tools from a catalogue, but `tools.catalogue`"
                        + " is not set", "set `tools.catalogue: tools_db.json` or use `mode: filter`");
            }
        }
    }

    private static String catalogue(ConfigNode node) {
        String path = node.stringOr("catalogue", null);
        if (path != null) {
            node.check(Files.isRegularFile(Path.of(path)), "catalogue", "tool catalogue `" + path
                    + "` is not a readable file", "a JSON array of tools in the tools_db.json layout");
        }
        return path;
    }

    private static Integer topK(ConfigNode node) {
        if (!node.has("top_k")) {
            return null;
        }
        int topK = node.intOr("top_k", 1);
        return node.check(topK >= 1 && topK <= 128, "top_k", "`top_k` " + topK + " is outside 1..128",
                "`switchboard eval tools` shows recall and tokens removed per top_k") ? topK : null;
    }

    private static Double minSimilarity(ConfigNode node) {
        Double value = node.optionalDouble("min_similarity");
        if (value == null) {
            return null;
        }
        return node.check(value >= -1 && value <= 1, "min_similarity", "`min_similarity` " + value
                + " is outside [-1, 1]", "a cosine similarity; `switchboard eval tools` shows the trade-off")
                ? value : null;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
