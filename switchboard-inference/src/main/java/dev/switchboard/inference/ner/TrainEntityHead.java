package dev.switchboard.inference.ner;

import dev.switchboard.inference.ProgressBar;
import dev.switchboard.inference.encoder.OnnxEncoder;
import dev.switchboard.inference.head.HeadCodec;
import dev.switchboard.inference.head.SoftmaxHead;
import dev.switchboard.inference.train.TrainOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reproduces the shipped entity head and prints its evaluation on held-out templates (docs/accuracy.md, "PII
 * entity head"): {@code TrainEntityHead <presidio_generated_large.jsonl> <metatool_single_tool_queries.jsonl>
 * <output head.bin>}.
 */
public final class TrainEntityHead {

    public static final long SEED = 42;

    private TrainEntityHead() {}

    /**
     * The shipped head's hyper-parameters: one hidden layer of 128 (a linear head confuses a list of first names
     * with places; 256 units scored the same at twice the cost), no class balancing (balancing "outside" down tags
     * ordinary words as names).
     */
    public static TrainOptions options() {
        return TrainOptions.defaults().withSeed(SEED).withHidden(128).withEpochs(10).withL2(0.01f)
                .withLearningRate(0.003f).withBalancedClasses(false);
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: TrainEntityHead <presidio_generated_large.jsonl>"
                    + " <metatool_single_tool_queries.jsonl> <output head.bin>");
            System.exit(2);
        }
        run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), System.out);
    }

    /** Trains, writes the head to {@code head}, and prints the evaluation to {@code out}. */
    public static SoftmaxHead run(Path presidio, Path metatool, Path head, PrintStream out) {
        EntityData.Corpus corpus = EntityData.load(presidio, metatool, SEED);
        out.printf("train %d texts, validation %d%n", corpus.train().size(), corpus.validation().size());
        try (OnnxEncoder encoder = OnnxEncoder.loadDefault()) {
            SoftmaxHead trained = new EntityTrainer(encoder, options()).train(corpus.train(), ProgressBar.toStderr());
            HeadCodec.write(trained, head);
            out.println("wrote head for " + encoder.modelId() + " to " + head);
            report(new EntityTagger(encoder, trained), corpus, out);
            return trained;
        }
    }

    /** Prints validation and every test set. */
    public static void report(EntityTagger tagger, EntityData.Corpus corpus, PrintStream out) {
        EntityEvaluation evaluation = new EntityEvaluation(tagger);
        evaluation.print("Presidio validation templates", corpus.validation(), out);
        for (Map.Entry<String, java.util.List<EntityExample>> test : corpus.test().entrySet()) {
            evaluation.print(test.getKey(), test.getValue(), out);
        }
    }
}
