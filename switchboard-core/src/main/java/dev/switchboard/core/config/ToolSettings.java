package dev.switchboard.core.config;

import java.util.List;

/**
 * Tool selection: which of a request's tool definitions reach the model, and which tools from a catalogue are added.
 *
 * @param global    the policy for every routed request, or null when tool selection is off unless a decision's
 *                  {@code tools} plugin switches it on
 * @param catalogue path of the tool catalogue file (OpenAI function schemas, the vLLM Semantic Router's
 *                  {@code tools_db.json} layout), or null; {@code add} and {@code both} need it
 * @param maxInlineEmbeddings unseen tool texts embedded on a request's own thread; a request bringing more is
 *                  passed through unfiltered while its tool set is embedded in the background
 */
public record ToolSettings(Policy global, String catalogue, int maxInlineEmbeddings) {

    /**
     * A tool set with up to this many unseen tool texts (three per tool: 16 new tools) is embedded on the request's
     * thread; docs/tools.md, "First sight of a tool set".
     */
    public static final int DEFAULT_MAX_INLINE_EMBEDDINGS = 48;
    public static final ToolSettings NONE = new ToolSettings(null, null, DEFAULT_MAX_INLINE_EMBEDDINGS);

    public ToolSettings(Policy global, String catalogue) {
        this(global, catalogue, DEFAULT_MAX_INLINE_EMBEDDINGS);
    }

    /** The policy of a routed request: the global one overridden by the decision's {@code tools} plugin; or null. */
    public Policy policyFor(DecisionConfig decision) {
        PluginConfig.Tools plugin = decision == null ? null : decision.plugins().stream()
                .filter(PluginConfig.Tools.class::isInstance).map(PluginConfig.Tools.class::cast)
                .findFirst().orElse(null);
        if (plugin == null) {
            return global;
        }
        if (Boolean.FALSE.equals(plugin.enabled())) {
            return null;
        }
        Policy base = global != null ? global : Policy.DEFAULTS;
        return new Policy(plugin.mode() != null ? plugin.mode() : base.mode(),
                plugin.topK() != null ? plugin.topK() : base.topK(),
                plugin.minSimilarity() != null ? plugin.minSimilarity() : base.minSimilarity(),
                plugin.whenNoneRelevant() != null ? plugin.whenNoneRelevant() : base.whenNoneRelevant(),
                plugin.alwaysKeep() != null ? plugin.alwaysKeep() : base.alwaysKeep());
    }

    /** True when tool selection is on globally or for at least one decision. */
    public boolean anyOn(List<DecisionConfig> decisions) {
        return global != null || decisions.stream().anyMatch(d -> policyFor(d) != null);
    }

    /**
     * How one request's tools are chosen.
     *
     * @param mode             {@code FILTER}: keep the request's relevant tools; {@code ADD}: add relevant catalogue
     *                         tools the request lacks; {@code BOTH}: rank request and catalogue tools together
     * @param topK             at most this many tools chosen by relevance (protected tools come on top)
     * @param minSimilarity    a tool whose cosine similarity to the user text is below this is not relevant
     * @param whenNoneRelevant what {@code FILTER} does when no tool reaches {@code minSimilarity}
     * @param alwaysKeep       tool names never dropped
     */
    public record Policy(Mode mode, int topK, double minSimilarity, WhenNoneRelevant whenNoneRelevant,
                         List<String> alwaysKeep) {
        /** top_k 5, no threshold: docs/tools.md measures what that keeps and saves on MetaTool. */
        public static final Policy DEFAULTS = new Policy(Mode.FILTER, 5, 0.0, WhenNoneRelevant.KEEP_ALL, List.of());

        public Policy {
            alwaysKeep = List.copyOf(alwaysKeep);
        }

        public boolean filters() {
            return mode != Mode.ADD;
        }

        public boolean adds() {
            return mode != Mode.FILTER;
        }
    }

    public enum Mode { FILTER, ADD, BOTH }

    public enum WhenNoneRelevant { KEEP_ALL, KEEP_NONE, KEEP_TOP_K }
}
