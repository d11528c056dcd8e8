package dev.switchboard.core.config;

import java.util.Set;

/**
 * Guards that act on a request before any model sees it.
 *
 * @param pii       what to do when a request carries personal data a model may not see, or null when the guard is off
 * @param jailbreak what to do with jailbreak and prompt-injection attempts, or null when the guard is off
 * @param mlBudget  how much encoder work the guards may spend on one request, and what happens beyond it
 */
public record GuardSettings(PiiGuard pii, JailbreakGuard jailbreak, MlBudget mlBudget) {

    public static final GuardSettings NONE = new GuardSettings(null, null);

    /** Guards with the default ML budget. */
    public GuardSettings(PiiGuard pii, JailbreakGuard jailbreak) {
        this(pii, jailbreak, MlBudget.DEFAULTS);
    }

    public GuardSettings {
        java.util.Objects.requireNonNull(mlBudget, "mlBudget");
    }

    /**
     * The jailbreak guard of a routed request: the global one overridden by the decision's {@code jailbreak}
     * plugin. Null when the guard is off for it.
     *
     * @param decision the chosen decision, or null when none matched (the global guard applies)
     */
    public JailbreakGuard jailbreakFor(DecisionConfig decision) {
        PluginConfig.Jailbreak plugin = plugin(decision, PluginConfig.Jailbreak.class);
        if (plugin == null) {
            return jailbreak;
        }
        if (Boolean.FALSE.equals(plugin.enabled())) {
            return null;
        }
        JailbreakGuard base = jailbreak != null ? jailbreak : JailbreakGuard.DEFAULTS;
        return new JailbreakGuard(plugin.threshold() != null ? plugin.threshold() : base.threshold(),
                plugin.action() != null ? plugin.action() : base.action(),
                plugin.response() != null ? plugin.response() : base.response(), base.scan(), base.scanLimit());
    }

    /** The PII guard of a routed request, like {@link #jailbreakFor}; null when it is off for the decision. */
    public PiiGuard piiFor(DecisionConfig decision) {
        PluginConfig.Pii plugin = plugin(decision, PluginConfig.Pii.class);
        if (plugin == null) {
            return pii;
        }
        if (Boolean.FALSE.equals(plugin.enabled())) {
            return null;
        }
        PiiGuard base = pii != null ? pii : PiiGuard.DEFAULTS;
        return new PiiGuard(plugin.action() != null ? plugin.action() : base.action(),
                plugin.restore() != null ? plugin.restore() : base.restore(),
                plugin.minConfidence() != null ? plugin.minConfidence() : base.minConfidence(), base.entities());
    }

    private static <P extends PluginConfig> P plugin(DecisionConfig decision, Class<P> type) {
        return decision == null ? null : decision.plugins().stream().filter(type::isInstance).map(type::cast)
                .findFirst().orElse(null);
    }

    /**
     * @param threshold minimum attack probability to act on
     * @param action    {@code BLOCK}: answer without calling a model; {@code FLAG}: pass it on, marked in headers
     *                  and metrics
     * @param response  how a block looks: {@code CONTENT_FILTER} (HTTP 200 chat completion with finish_reason
     *                  content_filter, as the vLLM Semantic Router answers) or {@code ERROR} (HTTP 403)
     * @param scan      which messages are scored: {@code LATEST} user message only, or {@code USER_AND_TOOL}: also
     *                  earlier user turns and tool results, where indirect prompt injections hide
     * @param scanLimit with {@code USER_AND_TOOL}: at most this many messages besides the latest user message are
     *                  scored, newest first (each costs a scorer call)
     */
    public record JailbreakGuard(double threshold, Action action, Response response, Scan scan, int scanLimit) {
        /** The 1 %-false-positive point of the bundled head on its validation data (docs/accuracy.md). */
        public static final double DEFAULT_THRESHOLD = 0.87;
        public static final int DEFAULT_SCAN_LIMIT = 8;
        /** What {@code jailbreak: {}} means, and what a decision's plugin inherits when there is no global guard. */
        public static final JailbreakGuard DEFAULTS = new JailbreakGuard(DEFAULT_THRESHOLD, Action.BLOCK,
                Response.CONTENT_FILTER, Scan.USER_AND_TOOL, DEFAULT_SCAN_LIMIT);

        public enum Action { BLOCK, FLAG }

        public enum Response { CONTENT_FILTER, ERROR }

        public enum Scan { LATEST, USER_AND_TOOL }
    }

    /**
     * @param action        {@code FALLBACK}: send to the next candidate model allowed to see every detected type
     *                      (block if none is); {@code BLOCK}: refuse the request; {@code REDACT}: replace the values
     *                      a model may not see with typed placeholders before sending
     * @param restore       with {@code REDACT}: put the original values back into the model's answer (streams too)
     * @param minConfidence spans below this confidence are ignored
     * @param entities      also find names, places, organisations and addresses with the ML entity head (needs the
     *                      encoder); false keeps to the structured recognizers. Global only: decisions inherit it
     */
    public record PiiGuard(Action action, boolean restore, double minConfidence, boolean entities) {
        /** What {@code pii: {}} means, and what a decision's plugin inherits when there is no global guard. */
        public static final PiiGuard DEFAULTS = new PiiGuard(Action.FALLBACK, true, 0.5, true);

        public enum Action { FALLBACK, BLOCK, REDACT }
    }

    /**
     * Which PII types a model may receive (the vLLM Semantic Router's {@code pii_policy}).
     *
     * @param allowByDefault true: every type may be sent; false: only {@code allowed} types
     */
    public record PiiPolicy(boolean allowByDefault, Set<String> allowed) {
        public static final PiiPolicy ALLOW_ALL = new PiiPolicy(true, Set.of());

        public PiiPolicy {
            allowed = Set.copyOf(allowed);
        }

        public boolean allows(String type) {
            return allowByDefault || allowed.contains(type);
        }
    }

    /**
     * The per-request ML budget of the guards ({@code guards.ml_budget}): what the guards' own encoder passes may
     * cost, so that one request cannot occupy the ML path for long. The routing pass (signals, cache key) is not
     * counted: it is always one pass of at most {@code encoder.max_tokens}.
     *
     * @param maxTextTokens    tokens of one text a guard head reads; a longer text is read as its first and its
     *                         last {@code maxTextTokens / 2} tokens (head + tail)
     * @param maxRequestTokens tokens the guards' own encoder passes may encode in one request, all heads together
     * @param maxPasses        encoder passes (windows) the guards may run for one request, all heads together
     * @param maxTexts         texts (message contents, names, tool-call arguments, tool definitions) a guard head
     *                         reads with the encoder in one request
     * @param onExceeded       {@code FLAG}: scan what fits, answer, and say so in {@code x-vsr-ml-budget-exceeded};
     *                         {@code REFUSE}: answer 413 with an OpenAI-style error
     * @param maxPatternChars  characters the structured PII recognizers (patterns, no encoder) read in one request,
     *                         all texts together; a text longer than what is left is read as head + tail
     */
    public record MlBudget(int maxTextTokens, int maxRequestTokens, int maxPasses, int maxTexts,
                           OnExceeded onExceeded, int maxPatternChars) {
        public static final int DEFAULT_PATTERN_CHARS = 262_144;
        public static final MlBudget DEFAULTS = new MlBudget(1024, 8192, 24, 64, OnExceeded.FLAG);

        /** A budget with the default {@code max_pattern_chars}. */
        public MlBudget(int maxTextTokens, int maxRequestTokens, int maxPasses, int maxTexts, OnExceeded onExceeded) {
            this(maxTextTokens, maxRequestTokens, maxPasses, maxTexts, onExceeded, DEFAULT_PATTERN_CHARS);
        }

        public enum OnExceeded { FLAG, REFUSE }
    }
}
