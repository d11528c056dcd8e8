package dev.switchboard.inference.train;

import dev.switchboard.inference.ProgressListener;
import dev.switchboard.inference.encoder.OnnxEncoder;
import dev.switchboard.inference.head.DomainCategories;
import dev.switchboard.inference.head.SoftmaxHead;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains a domain head for one encoder: embeds the examples (through an optional {@link EmbeddingCache}), then
 * fits a {@link SoftmaxHead} with {@link SoftmaxTrainer}. The head records the encoder's model id.
 */
public final class DomainTrainer {

    private final OnnxEncoder encoder;
    private final EmbeddingCache cache;
    private final TrainOptions options;

    public DomainTrainer(OnnxEncoder encoder, EmbeddingCache cache, TrainOptions options) {
        this.encoder = encoder;
        this.cache = cache == null ? new EmbeddingCache(null) : cache;
        this.options = options;
    }

    /** Reads every JSONL dataset (see {@link Datasets}) and trains on all of them with {@code seed}. */
    public SoftmaxHead train(List<Path> datasetPaths, long seed, ProgressListener progress) {
        List<LabeledText> examples = new ArrayList<>();
        datasetPaths.forEach(path -> examples.addAll(Datasets.read(path)));
        return new DomainTrainer(encoder, cache, options.withSeed(seed)).train(examples, progress);
    }

    /** Trains on {@code examples}, whose labels must be {@link DomainCategories#ALL}. */
    public SoftmaxHead train(List<LabeledText> examples, ProgressListener progress) {
        float[][] x = features(examples, progress);
        int[] y = DomainEvaluator.indexes(examples, DomainCategories.ALL);
        return new SoftmaxTrainer(options).train(x, y, DomainCategories.ALL, encoder.modelId(), progress);
    }

    /** Head inputs (embedding plus lexical features, see {@link SoftmaxHead#features}) of the examples. */
    public float[][] features(List<LabeledText> examples, ProgressListener progress) {
        float[][] embeddings = embed(examples, progress);
        float[][] x = new float[embeddings.length][];
        for (int i = 0; i < x.length; i++) {
            x[i] = SoftmaxHead.concat(embeddings[i], examples.get(i).text(), options.lexicalBuckets());
        }
        return x;
    }

    /** Embeddings of the examples with the encoder's own pooling, in order. */
    public float[][] embed(List<LabeledText> examples, ProgressListener progress) {
        List<String> texts = examples.stream().map(LabeledText::text).toList();
        return cache.embed(encoder, texts, progress).get(encoder.pooling());
    }
}
