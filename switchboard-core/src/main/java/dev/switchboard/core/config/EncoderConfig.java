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
 */
public record EncoderConfig(String modelPath, String tokenizerPath, Pooling pooling, int maxTokens, int sessions) {

    public static final EncoderConfig DEFAULTS = new EncoderConfig(null, null, null, 256, 2);

    public enum Pooling { MEAN, CLS }
}
