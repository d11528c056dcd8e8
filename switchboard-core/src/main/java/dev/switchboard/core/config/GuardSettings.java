package dev.switchboard.core.config;

import java.util.Set;

/**
 * Guards that act on a request before any model sees it.
 *
 * @param pii       what to do when a request carries personal data a model may not see, or null when the guard is off
 * @param jailbreak what to do with jailbreak and prompt-injection attempts, or null when the guard is off
 */
public record GuardSettings(PiiGuard pii, JailbreakGuard jailbreak) {

    public static final GuardSettings NONE = new GuardSettings(null, null);

    /**
     * @param threshold minimum attack probability to act on
     * @param action    {@code BLOCK}: answer without calling a model; {@code FLAG}: pass it on, marked in headers
     *                  and metrics
     * @param response  how a block looks: {@code CONTENT_FILTER} (HTTP 200 chat completion with finish_reason
     *                  content_filter, as the vLLM Semantic Router answers) or {@code ERROR} (HTTP 403)
     */
    public record JailbreakGuard(double threshold, Action action, Response response) {
        /** The 1 %-false-positive point of the bundled head on its validation data (docs/accuracy.md). */
        public static final double DEFAULT_THRESHOLD = 0.33;

        public enum Action { BLOCK, FLAG }

        public enum Response { CONTENT_FILTER, ERROR }
    }

    /**
     * @param action        {@code FALLBACK}: send to the next candidate model allowed to see every detected type
     *                      (block if none is); {@code BLOCK}: refuse the request; {@code REDACT}: replace the values
     *                      a model may not see with typed placeholders before sending
     * @param restore       with {@code REDACT}: put the original values back into the model's answer (streams too)
     * @param minConfidence spans below this confidence are ignored
     */
    public record PiiGuard(Action action, boolean restore, double minConfidence) {
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
}
