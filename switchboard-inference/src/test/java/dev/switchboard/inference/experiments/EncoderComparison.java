package dev.switchboard.inference.experiments;

import dev.switchboard.inference.ProgressBar;
import dev.switchboard.inference.encoder.BundledModel;
import dev.switchboard.inference.encoder.EncoderSettings;
import dev.switchboard.inference.encoder.OnnxEncoder;
import dev.switchboard.inference.encoder.Pooling;
import dev.switchboard.inference.head.DomainCategories;
import dev.switchboard.inference.head.SoftmaxHead;
import dev.switchboard.inference.train.Datasets;
import dev.switchboard.inference.train.DomainEvaluator;
import dev.switchboard.inference.train.EmbeddingCache;
import dev.switchboard.inference.train.LabeledText;
import dev.switchboard.inference.train.SoftmaxTrainer;
import dev.switchboard.inference.train.TrainDomainHead;
import dev.switchboard.inference.train.TrainOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares the bundled encoders, poolings and head types on the shipped recipe's data (ADR 0001, docs/accuracy.md).
 * Not a unit test: run it with
 *
 * <pre>./mvnw -q -pl switchboard-inference exec:java -Dexec.classpathScope=test
 *   -Dexec.mainClass=dev.switchboard.inference.experiments.EncoderComparison
 *   -Dexec.args="&lt;mmlu_pro.jsonl&gt; &lt;cache dir&gt; [MODEL ...] [--heads]"</pre>
 */
public final class EncoderComparison {

    /** Softmax regression on the embedding alone: compares encoders without the lexical features' help. */
    static final TrainOptions EMBEDDING_ONLY = new TrainOptions(0, 40, 0.01f, 1e-5f, 32, 42, true, 0);

    private EncoderComparison() {}

    public static void main(String[] args) {
        Datasets.Split mmlu = Datasets.split(Datasets.read(Path.of(args[0])), TrainDomainHead.TEST_FRACTION,
                TrainDomainHead.SPLIT_SEED);
        List<LabeledText> train = new ArrayList<>(mmlu.train());
        train.addAll(Datasets.readResource(Datasets.CHAT_TRAIN_RESOURCE));
        List<LabeledText> chatEval = Datasets.readResource(Datasets.CHAT_EVAL_RESOURCE);
        EmbeddingCache cache = new EmbeddingCache(Path.of(args[1]));
        boolean heads = List.of(args).contains("--heads");
        List<BundledModel> models = models(args);
        System.out.println("| encoder | pooling | head | MMLU acc | MMLU macro-F1 | chat acc | chat macro-F1 |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (BundledModel model : models) {
            try (OnnxEncoder encoder = OnnxEncoder.create(EncoderSettings.bundled(model))) {
                Sets sets = new Sets(embed(encoder, cache, train), embed(encoder, cache, mmlu.test()),
                        embed(encoder, cache, chatEval), train, mmlu.test(), chatEval);
                for (Pooling pooling : Pooling.values()) {
                    row(model, pooling, "softmax", sets, pooling, EMBEDDING_ONLY);
                    row(model, pooling, "softmax+lex8192", sets, pooling, TrainOptions.defaults());
                    if (heads) {
                        row(model, pooling, "mlp-256", sets, pooling, EMBEDDING_ONLY.withHidden(256)
                                .withEpochs(30).withLearningRate(0.002f).withL2(1e-4f));
                        knnRow(model, pooling, sets, 10);
                    }
                }
            }
        }
    }

    private static List<BundledModel> models(String[] args) {
        List<BundledModel> models = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                models.add(BundledModel.valueOf(args[i]));
            }
        }
        return models.isEmpty() ? List.of(BundledModel.values()) : models;
    }

    record Sets(Map<Pooling, float[][]> train, Map<Pooling, float[][]> mmlu, Map<Pooling, float[][]> chat,
                List<LabeledText> trainSet, List<LabeledText> mmluSet, List<LabeledText> chatSet) {
        int[] trainY() {
            return labels(trainSet);
        }

        int[] mmluY() {
            return labels(mmluSet);
        }

        int[] chatY() {
            return labels(chatSet);
        }
    }

    private static void row(BundledModel model, Pooling pooling, String name, Sets sets, Pooling p,
                            TrainOptions options) {
        int lex = options.lexicalBuckets();
        SoftmaxHead head = new SoftmaxTrainer(options).train(features(sets.train().get(p), sets.trainSet(), lex),
                sets.trainY(), DomainCategories.ALL, model.id(), (phase, done, total) -> {});
        var onMmlu = DomainEvaluator.evaluate("mmlu", head, features(sets.mmlu().get(p), sets.mmluSet(), lex),
                sets.mmluY());
        var onChat = DomainEvaluator.evaluate("chat", head, features(sets.chat().get(p), sets.chatSet(), lex),
                sets.chatY());
        print(model, pooling, name, onMmlu.accuracy(), onMmlu.macroF1(), onChat.accuracy(), onChat.macroF1());
    }

    private static void knnRow(BundledModel model, Pooling p, Sets sets, int k) {
        KnnClassifier knn = new KnnClassifier(sets.train().get(p), sets.trainY(), DomainCategories.size(), k);
        var onMmlu = knn.evaluate("mmlu", sets.mmlu().get(p), sets.mmluY());
        var onChat = knn.evaluate("chat", sets.chat().get(p), sets.chatY());
        print(model, p, "knn-" + k, onMmlu.accuracy(), onMmlu.macroF1(), onChat.accuracy(), onChat.macroF1());
    }

    private static void print(BundledModel model, Pooling pooling, String head, double a, double f, double ca,
                              double cf) {
        System.out.printf("| %s | %s | %s | %.4f | %.4f | %.4f | %.4f |%n", model.id(),
                pooling.name().toLowerCase(), head, a, f, ca, cf);
    }

    private static Map<Pooling, float[][]> embed(OnnxEncoder encoder, EmbeddingCache cache, List<LabeledText> set) {
        return cache.embed(encoder, set.stream().map(LabeledText::text).toList(), ProgressBar.toStderr());
    }

    private static float[][] features(float[][] embeddings, List<LabeledText> set, int buckets) {
        float[][] x = new float[embeddings.length][];
        for (int i = 0; i < x.length; i++) {
            x[i] = SoftmaxHead.concat(embeddings[i], set.get(i).text(), buckets);
        }
        return x;
    }

    private static int[] labels(List<LabeledText> set) {
        return DomainEvaluator.indexes(set, DomainCategories.ALL);
    }
}
