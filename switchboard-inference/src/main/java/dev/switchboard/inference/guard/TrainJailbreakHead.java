package dev.switchboard.inference.guard;

import dev.switchboard.inference.ProgressBar;
import dev.switchboard.inference.encoder.OnnxEncoder;
import dev.switchboard.inference.head.HeadCodec;
import dev.switchboard.inference.head.SoftmaxHead;
import dev.switchboard.inference.train.LabeledText;
import dev.switchboard.inference.train.TrainOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Reproduces the shipped jailbreak head from the public data and prints its evaluation on data it was not trained
 * on (docs/accuracy.md, "Jailbreak / prompt-injection head"):
 *
 * <pre>TrainJailbreakHead &lt;shared data folder&gt; &lt;output head.bin&gt;</pre>
 *
 * <p>Recipe: {@link JailbreakData#load} with seed {@link #SEED}; {@link JailbreakTrainer} with {@link #options()}.
 */
public final class TrainJailbreakHead {

    /** Seed of every split, sample, augmentation and of training. */
    public static final long SEED = 42;

    private TrainJailbreakHead() {}

    /** The shipped head's hyper-parameters: linear, 8,192 lexical buckets, the domain head's optimizer settings. */
    public static TrainOptions options() {
        return TrainOptions.defaults().withSeed(SEED);
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: TrainJailbreakHead <shared data folder> <output head.bin>");
            System.exit(2);
        }
        run(Path.of(args[0]), Path.of(args[1]), System.out);
    }

    /** Trains on the sources below {@code dataRoot}, writes the head to {@code head}, prints the evaluation. */
    public static SoftmaxHead run(Path dataRoot, Path head, PrintStream out) {
        JailbreakData.Corpus corpus = JailbreakData.load(dataRoot, SEED);
        out.printf("train %d (%d attacks) before augmentation, validation %d%n", corpus.train().size(),
                count(corpus.train(), JailbreakData.JAILBREAK), corpus.validation().size());
        try (OnnxEncoder encoder = OnnxEncoder.loadDefault()) {
            SoftmaxHead trained = new JailbreakTrainer(encoder, options())
                    .train(corpus.train(), ProgressBar.toStderr());
            HeadCodec.write(trained, head);
            out.println("wrote head for " + encoder.modelId() + " to " + head);
            JailbreakDetector detector = new JailbreakDetector(encoder, trained);
            new JailbreakEvaluation(detector, out, SEED).report(corpus);
            return trained;
        }
    }

    private static long count(List<LabeledText> examples, String label) {
        return examples.stream().filter(e -> e.label().equals(label)).count();
    }
}
