package dev.switchboard.inference.train;

import dev.switchboard.inference.ProgressBar;
import dev.switchboard.inference.encoder.OnnxEncoder;
import dev.switchboard.inference.head.DomainClassifier;
import dev.switchboard.inference.head.HeadCodec;
import dev.switchboard.inference.head.SoftmaxHead;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reproduces the shipped domain head from scratch and prints its evaluation; {@code switchboard train domain} runs
 * the same recipe:
 *
 * <pre>TrainDomainHead &lt;mmlu_pro.jsonl&gt; &lt;output head.bin&gt; [embedding cache dir]</pre>
 *
 * <p>Recipe: MMLU-Pro split 80/20 per category with seed 42; train on the 80% plus the shipped chat training set
 * with {@link TrainOptions#defaults()}; evaluate on the 20% and on the hand-written chat evaluation set.
 */
public final class TrainDomainHead {

    /** Seed of the MMLU-Pro train/test split. */
    public static final long SPLIT_SEED = 42;
    /** Fraction of MMLU-Pro held out for evaluation. */
    public static final double TEST_FRACTION = 0.2;

    private TrainDomainHead() {}

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: TrainDomainHead <mmlu_pro.jsonl> <output head.bin> [embedding cache dir]");
            System.exit(2);
        }
        run(Path.of(args[0]), Path.of(args[1]), SPLIT_SEED, args.length > 2 ? Path.of(args[2]) : null, System.out);
    }

    /**
     * Trains on {@code mmlu} (split with {@code seed}) plus the chat training set, writes the head to {@code head},
     * and prints both evaluation reports to {@code out}.
     *
     * @param embeddingCache a directory to keep computed embeddings in between runs, or null
     */
    public static SoftmaxHead run(Path mmlu, Path head, long seed, Path embeddingCache, PrintStream out) {
        Datasets.Split split = Datasets.split(Datasets.read(mmlu), TEST_FRACTION, seed);
        try (OnnxEncoder encoder = OnnxEncoder.loadDefault()) {
            List<LabeledText> train = new ArrayList<>(split.train());
            train.addAll(Datasets.readResource(Datasets.CHAT_TRAIN_RESOURCE));
            SoftmaxHead trained = new DomainTrainer(encoder, new EmbeddingCache(embeddingCache),
                    TrainOptions.defaults().withSeed(seed)).train(train, ProgressBar.toStderr());
            HeadCodec.write(trained, head);
            out.println("wrote head for " + encoder.modelId() + " to " + head);
            DomainClassifier classifier = new DomainClassifier(encoder, trained);
            report(out, classifier, "MMLU-Pro held-out 20% (seed " + seed + ")", split.test());
            report(out, classifier, "chat-style eval set", Datasets.readResource(Datasets.CHAT_EVAL_RESOURCE));
            return trained;
        }
    }

    private static void report(PrintStream out, DomainClassifier classifier, String name, List<LabeledText> examples) {
        out.println(DomainEvaluator.evaluate(name, classifier, examples, ProgressBar.toStderr()).toText());
    }
}
