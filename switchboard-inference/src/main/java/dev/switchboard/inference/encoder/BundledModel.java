package dev.switchboard.inference.encoder;

import java.util.List;

/**
 * Encoders whose ONNX export and tokenizer.json arrive on the classpath inside a Maven Central artifact
 * (LangChain4j's in-process embedding jars carry the Xenova exports at the jar root).
 *
 * <p>Only {@link #DEFAULT} is a compile dependency; the others are test-scoped and exist for the comparison in
 * ADR 0001. Loading one that is not on the classpath fails with a message naming the missing resource.
 */
public enum BundledModel {
    ALL_MINILM_L6_V2("all-minilm-l6-v2", "all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json", Pooling.MEAN),
    ALL_MINILM_L6_V2_INT8("all-minilm-l6-v2-int8", "all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json",
            Pooling.MEAN),
    BGE_SMALL_EN_V15("bge-small-en-v1.5", "bge-small-en-v1.5.onnx", "bge-small-en-v1.5-tokenizer.json", Pooling.CLS),
    BGE_SMALL_EN_V15_INT8("bge-small-en-v1.5-int8", "bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json",
            Pooling.CLS);

    /** The encoder shipped in the jar, chosen by measurement (docs/adr/0001-default-encoder.md). */
    public static final BundledModel DEFAULT = BGE_SMALL_EN_V15_INT8;

    private final String id;
    private final String modelResource;
    private final String tokenizerResource;
    private final Pooling nativePooling;

    BundledModel(String id, String modelResource, String tokenizerResource, Pooling nativePooling) {
        this.id = id;
        this.modelResource = modelResource;
        this.tokenizerResource = tokenizerResource;
        this.nativePooling = nativePooling;
    }

    /** Stable model identifier, the base of {@link OnnxEncoder#modelId()}. */
    public String id() {
        return id;
    }

    /** Classpath resource name of the .onnx file (jar root). */
    public String modelResource() {
        return modelResource;
    }

    /** Classpath resource name of the tokenizer.json file (jar root). */
    public String tokenizerResource() {
        return tokenizerResource;
    }

    /**
     * Classpath names (without extension) of the branches shipped for this model. The jailbreak guard's branch (an
     * MLP over the pooled last hidden state, training/jailbreak, ADR 0018) exists for the default encoder only.
     */
    private static final List<String> DEFAULT_BRANCHES = List.of("switchboard/jailbreak/jailbreak-branch");

    /** The branches grafted onto this model's graph when it is loaded ({@link GraftedBranch}). */
    public List<GraftedBranch> branches() {
        if (this != BGE_SMALL_EN_V15_INT8) {
            return List.of();
        }
        return DEFAULT_BRANCHES.stream()
                .filter(name -> BundledModel.class.getClassLoader().getResource(name + ".onnx") != null)
                .map(GraftedBranch::readResource)
                .toList();
    }

    /** The pooling the model was trained with. */
    public Pooling nativePooling() {
        return nativePooling;
    }
}
