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
 * <pre>TrainJailbreakHead &lt;deepset.jsonl&gt; &lt;jailbreakbench.jsonl&gt; &lt;mmlu_pro.jsonl&gt;
 *     &lt;metatool_single_tool_queries.jsonl&gt; &lt;output head.bin&gt;</pre>
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
        if (args.length != 5) {
            System.err.println("usage: TrainJailbreakHead <deepset.jsonl> <jailbreakbench.jsonl> <mmlu_pro.jsonl>"
                    + " <metatool_single_tool_queries.jsonl> <output head.bin>");
            System.exit(2);
        }
        run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), Path.of(args[4]), System.out);
    }

    /** Trains, writes the head to {@code head}, and prints the evaluation to {@code out}. */
    public static SoftmaxHead run(Path deepset, Path jbb, Path mmlu, Path metatool, Path head, PrintStream out) {
        JailbreakData.Corpus corpus = JailbreakData.load(deepset, jbb, mmlu, metatool, SEED);
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
