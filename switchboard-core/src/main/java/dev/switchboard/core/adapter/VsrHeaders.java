package dev.switchboard.core.adapter;

/** Response and request headers shared with the vLLM Semantic Router, so its clients and tests keep working. */
public final class VsrHeaders {

    public static final String SELECTED_MODEL = "x-vsr-selected-model";
    public static final String SELECTED_DECISION = "x-vsr-selected-decision";
    public static final String SELECTED_CATEGORY = "x-vsr-selected-category";
    public static final String SELECTED_REASONING = "x-vsr-selected-reasoning";
    public static final String RESPONSE_PATH = "x-vsr-response-path";
    /** Switchboard's own: why cost-aware selection put the selected model first (or why it kept the static order). */
    public static final String SELECTION = "x-vsr-selection";
    /** Switchboard's own: this request's id, which {@code POST /api/v1/feedback} takes to score its answer. */
    public static final String REQUEST_ID = "x-vsr-request-id";
    public static final String MATCHED_SIGNALS = "x-vsr-matched-signals";
    public static final String JAILBREAK_BLOCKED = "x-vsr-jailbreak-blocked";
    /** Set instead of the blocked header when the guard only flags. */
    public static final String JAILBREAK_DETECTED = "x-vsr-jailbreak-detected";
    public static final String JAILBREAK_TYPE = "x-vsr-jailbreak-type";
    public static final String JAILBREAK_CONFIDENCE = "x-vsr-jailbreak-confidence";
    /** Switchboard's own: which entry of {@code messages} the verdict is about (an earlier turn, a tool result). */
    public static final String JAILBREAK_MESSAGE_INDEX = "x-vsr-jailbreak-message-index";
    /** JSON pointer of the text the jailbreak guard judged: a message, tool-call arguments or a tool definition. */
    public static final String JAILBREAK_SOURCE = "x-vsr-jailbreak-source";
    /** True when a guard read only part of the request because the ML budget ran out (guards.ml_budget). */
    public static final String ML_BUDGET_EXCEEDED = "x-vsr-ml-budget-exceeded";
    /** The guards that read only part of the request, comma-separated (jailbreak, pii). */
    public static final String ML_BUDGET_PARTIAL = "x-vsr-ml-budget-partial";
    /** The PII types found in the request (types only, never values). */
    public static final String PII_DETECTED = "x-vsr-pii-detected";
    public static final String PII_VIOLATION = "x-vsr-pii-violation";
    public static final String CACHE_HIT = "x-vsr-cache-hit";
    public static final String CACHE_SIMILARITY = "x-vsr-cache-similarity";
    /** Tools sent on to the model out of the tools the client sent, e.g. {@code 4/57} (tool selection on). */
    public static final String TOOLS_SELECTED = "x-vsr-tools-selected";
    /** With {@code x-vsr-debug}: the kept tools with their similarity and why each was kept. */
    public static final String TOOLS_KEPT = "x-vsr-tools-kept";
    /** Request header: {@code no-cache} skips the semantic cache for this request. */
    public static final String CACHE_CONTROL = "x-vsr-cache-control";
    /** Request header: {@code true} adds the matched signals to the response. */
    public static final String DEBUG = "x-vsr-debug";

    private VsrHeaders() {}
}
