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
}
