package dev.switchboard.core.config;

/**
 * {@code routing.decision_records}: every auto-routed request written down (decision, candidates, the model that
 * answered, the encoder embedding, optionally the prompt with its structured PII masked) as JSON lines, so that the
 * outcomes clients report later ({@code POST /api/v1/feedback}) can retrain the router on the operator's traffic.
 *
 * @param enabled       off by default: records cost disk and hold what users asked
 * @param path          the JSONL file; rotated files get {@code .1}, {@code .2}, ... (higher is older)
 * @param includePrompt also keep the prompt text (structured PII masked); without it only the embedding is kept
 * @param maxFileBytes  the file rotates once it is this large
 * @param maxFiles      rotated files kept besides the current one; older ones are deleted
 */
public record DecisionRecordSettings(boolean enabled, String path, boolean includePrompt, long maxFileBytes,
                                     int maxFiles) {

    public static final DecisionRecordSettings DEFAULTS = new DecisionRecordSettings(false,
            "decision-records.jsonl", false, 64L * 1024 * 1024, 4);
}
