package dev.switchboard.core.config;

/**
 * The shared transformer encoder whose one pass per request feeds every ML signal. Loaded only when an ML signal
 * (domain, embedding rules) is configured.
 *
 * @param modelPath     an ONNX file, or a directory holding {@code model.onnx} (or one .onnx) and
 *                      {@code tokenizer.json}; null uses the model bundled in the jar
 * @param tokenizerPath a {@code tokenizer.json}; null looks next to the model
 * @param pooling       {@code mean} or {@code cls}; null uses the model's own (CLS for the bundled bge-small)
 * @param maxTokens     encoder window; longer prompts are truncated for the pooled embedding
 * @param sessions      ONNX sessions, each with one intra-op thread; also the number of requests encoded at once
 * @param tenantSessions sessions one tenant's requests may hold at once (1..sessions), so a heavy tenant always
 *                       leaves the others a free one; anonymous callers (authentication off) are not held to it
 * @param tenantQueue    requests of one tenant that may wait for a session; the next ones get 429
 * @param soloThreads    ONNX threads of a pass that starts while no other pass runs (one more session, used only
 *                       then), so a lone request's pass uses the idle cores; 1 means no such session
 */
public record EncoderConfig(String modelPath, String tokenizerPath, Pooling pooling, int maxTokens, int sessions,
                            int tenantSessions, int tenantQueue, int soloThreads) {

    public static final int DEFAULT_TENANT_QUEUE = 64;
    /** Two: on the 2-core machines measured (docs/benchmarks.md) it nearly halves a lone pass. */
    public static final int DEFAULT_SOLO_THREADS = 2;
    public static final EncoderConfig DEFAULTS = new EncoderConfig(null, null, null, 256, 2);

    /** Settings with the default per-tenant limits for {@code sessions}. */
    public EncoderConfig(String modelPath, String tokenizerPath, Pooling pooling, int maxTokens, int sessions) {
        this(modelPath, tokenizerPath, pooling, maxTokens, sessions, defaultTenantSessions(sessions),
                DEFAULT_TENANT_QUEUE);
    }

    /** Settings with the default solo-pass threads. */
    public EncoderConfig(String modelPath, String tokenizerPath, Pooling pooling, int maxTokens, int sessions,
                         int tenantSessions, int tenantQueue) {
        this(modelPath, tokenizerPath, pooling, maxTokens, sessions, tenantSessions, tenantQueue,
                DEFAULT_SOLO_THREADS);
    }

    /** Half the sessions, at least one: one tenant, however heavy, leaves the others at least half the encoder. */
    public static int defaultTenantSessions(int sessions) {
        return Math.max(1, sessions / 2);
    }

    public enum Pooling { MEAN, CLS }
}
