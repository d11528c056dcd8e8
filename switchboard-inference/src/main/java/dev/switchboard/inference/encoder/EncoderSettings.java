package dev.switchboard.inference.encoder;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to build an {@link OnnxEncoder}.
 *
 * @param bundled        the classpath model to use when {@code modelPath} is null
 * @param modelPath      an ONNX export of a Hugging Face encoder (inputs {@code input_ids}, {@code attention_mask},
 *                       optionally {@code token_type_ids}; first output {@code [batch, tokens, dim]}), or null for
 *                       the bundled model
 * @param tokenizerPath  the matching tokenizer.json; required when {@code modelPath} is set
 * @param pooling        how token states become the sentence embedding; null means the bundled model's own pooling
 *                       (or {@link Pooling#MEAN} for a model from a path)
 * @param maxTokens      window length including special tokens; longer texts are truncated for the embedding
 * @param poolSize       number of ONNX sessions, i.e. how many texts are encoded concurrently
 * @param intraOpThreads ONNX Runtime intra-op threads per session
 * @param soloThreads    intra-op threads of one more session, used only by a pass that starts while no other runs
 *                       (a lone request then uses the idle cores; its results are the same bits); 1: no such session
 */
public record EncoderSettings(BundledModel bundled, Path modelPath, Path tokenizerPath, Pooling pooling,
                              int maxTokens, int poolSize, int intraOpThreads, int soloThreads) {

    /** 256 tokens covers almost every chat turn and keeps p99 latency bounded (ADR 0001). */
    public static final int DEFAULT_MAX_TOKENS = 256;

    public EncoderSettings {
        Objects.requireNonNull(bundled, "bundled");
        if (modelPath != null && tokenizerPath == null) {
            throw new IllegalArgumentException("tokenizerPath is required when modelPath is set (" + modelPath + ")");
        }
        if (maxTokens < 8 || maxTokens > 8192) {
            throw new IllegalArgumentException("maxTokens must be in [8, 8192]: " + maxTokens);
        }
        if (poolSize < 1 || intraOpThreads < 1 || soloThreads < 1) {
            throw new IllegalArgumentException("poolSize, intraOpThreads and soloThreads must be >= 1");
        }
    }

    /** Settings without a solo session: library users and tests get the pool alone unless they ask. */
    public EncoderSettings(BundledModel bundled, Path modelPath, Path tokenizerPath, Pooling pooling, int maxTokens,
                           int poolSize, int intraOpThreads) {
        this(bundled, modelPath, tokenizerPath, pooling, maxTokens, poolSize, intraOpThreads, 1);
    }

    /** The bundled default encoder, 2 sessions with 1 intra-op thread each. */
    public static EncoderSettings defaults() {
        return bundled(BundledModel.DEFAULT);
    }

    /** A bundled model with default settings. */
    public static EncoderSettings bundled(BundledModel model) {
        return new EncoderSettings(model, null, null, null, DEFAULT_MAX_TOKENS, 2, 1);
    }

    /** A Hugging Face ONNX export and tokenizer.json from disk, with default settings. */
    public static EncoderSettings fromFiles(Path modelPath, Path tokenizerPath, Pooling pooling) {
        return new EncoderSettings(BundledModel.DEFAULT, modelPath, tokenizerPath, pooling, DEFAULT_MAX_TOKENS, 2, 1);
    }

    /**
     * A Hugging Face export laid out as on the hub: {@code tokenizer.json} plus {@code model.onnx} or
     * {@code onnx/model.onnx} in {@code directory}.
     */
    public static EncoderSettings fromDirectory(Path directory, Pooling pooling) {
        Path model = directory.resolve("model.onnx");
        if (!java.nio.file.Files.exists(model)) {
            model = directory.resolve("onnx").resolve("model.onnx");
        }
        return fromFiles(model, directory.resolve("tokenizer.json"), pooling);
    }

    public EncoderSettings withPooling(Pooling newPooling) {
        return new EncoderSettings(bundled, modelPath, tokenizerPath, newPooling, maxTokens, poolSize, intraOpThreads,
                soloThreads);
    }

    public EncoderSettings withMaxTokens(int tokens) {
        return new EncoderSettings(bundled, modelPath, tokenizerPath, pooling, tokens, poolSize, intraOpThreads,
                soloThreads);
    }

    public EncoderSettings withPoolSize(int sessions) {
        return new EncoderSettings(bundled, modelPath, tokenizerPath, pooling, maxTokens, sessions, intraOpThreads,
                soloThreads);
    }

    /** Solo-pass threads, capped at the processors this JVM may use (more would only wait for each other). */
    public EncoderSettings withSoloThreads(int threads) {
        int capped = Math.max(1, Math.min(threads, Runtime.getRuntime().availableProcessors()));
        return new EncoderSettings(bundled, modelPath, tokenizerPath, pooling, maxTokens, poolSize, intraOpThreads,
                capped);
    }

    /** The pooling actually used: explicit, else the bundled model's native pooling, else mean. */
    public Pooling effectivePooling() {
        if (pooling != null) {
            return pooling;
        }
        return modelPath == null ? bundled.nativePooling() : Pooling.MEAN;
    }
}
