package dev.switchboard.inference.train;

import dev.switchboard.inference.ProgressBar;
import dev.switchboard.inference.encoder.OnnxEncoder;
import dev.switchboard.inference.head.DomainClassifier;
import dev.switchboard.inference.head.HeadCodec;
import dev.switchboard.inference.head.SoftmaxHead;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reproduces the shipped domain head from scratch and prints its evaluation:
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
        EmbeddingCache cache = new EmbeddingCache(args.length > 2 ? Path.of(args[2]) : null);
        Datasets.Split mmlu = Datasets.split(Datasets.read(Path.of(args[0])), TEST_FRACTION, SPLIT_SEED);
        try (OnnxEncoder encoder = OnnxEncoder.loadDefault()) {
            List<LabeledText> train = new ArrayList<>(mmlu.train());
            train.addAll(Datasets.readResource(Datasets.CHAT_TRAIN_RESOURCE));
            SoftmaxHead head = new DomainTrainer(encoder, cache, TrainOptions.defaults())
                    .train(train, ProgressBar.toStderr());
            HeadCodec.write(head, Path.of(args[1]));
            System.out.println("wrote head for " + encoder.modelId() + " to " + args[1]);
            DomainClassifier classifier = new DomainClassifier(encoder, head);
            report(classifier, "MMLU-Pro held-out 20% (seed 42)", mmlu.test());
            report(classifier, "chat-style eval set", Datasets.readResource(Datasets.CHAT_EVAL_RESOURCE));
        }
    }

    private static void report(DomainClassifier classifier, String name, List<LabeledText> examples) {
        System.out.println(DomainEvaluator.evaluate(name, classifier, examples, ProgressBar.toStderr()).toText());
    }
}
