package dev.switchboard.core.config;

/** Configuration of one plugin attached to a decision. */
public sealed interface PluginConfig {

    /**
     * Adds or replaces the system prompt.
     *
     * @param mode {@code INSERT} puts it before any existing system message's text; {@code REPLACE} drops the
     *             client's system messages
     */
    record SystemPrompt(String prompt, Mode mode) implements PluginConfig {
        public enum Mode { INSERT, REPLACE }
    }

    /** Answers with a fixed message and calls no model. */
    record FastResponse(String message) implements PluginConfig {}

    /**
     * Caches this decision's answers; each null field inherits the global {@code cache} section.
     *
     * @param enabled false switches the cache off for this decision even when it is on globally
     */
    record Cache(Boolean enabled, CacheSettings.Mode mode, Double similarityThreshold,
                 java.time.Duration ttl) implements PluginConfig {}

    /**
     * The jailbreak guard for this decision; each null field inherits {@code guards.jailbreak} (or its defaults
     * when that section is absent).
     *
     * @param enabled false switches the guard off for this decision; true or null switches it on
     */
    record Jailbreak(Boolean enabled, Double threshold, GuardSettings.JailbreakGuard.Action action,
                     GuardSettings.JailbreakGuard.Response response) implements PluginConfig {}

    /**
     * The PII guard for this decision; each null field inherits {@code guards.pii} (or its defaults when that
     * section is absent).
     *
     * @param enabled false switches the guard off for this decision; true or null switches it on
     */
    record Pii(Boolean enabled, GuardSettings.PiiGuard.Action action, Boolean restore, Double minConfidence)
            implements PluginConfig {}

    /**
     * Tool selection for this decision; each null field inherits the global {@code tools} section (or its defaults
     * when that section is absent).
     *
     * @param enabled false switches tool selection off for this decision; true or null switches it on
     */
    record Tools(Boolean enabled, ToolSettings.Mode mode, Integer topK, Double minSimilarity,
                 ToolSettings.WhenNoneRelevant whenNoneRelevant, java.util.List<String> alwaysKeep)
            implements PluginConfig {}
}
