package dev.switchboard.inference.ner;

import dev.switchboard.inference.ProgressBar;
import dev.switchboard.inference.encoder.OnnxEncoder;
import dev.switchboard.inference.head.HeadCodec;
import dev.switchboard.inference.head.SoftmaxHead;
import dev.switchboard.inference.train.CachingWindowEncoder;
import dev.switchboard.inference.train.TrainOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reproduces the shipped entity head and prints its evaluation per source (docs/accuracy.md, "PII: entity head"):
 * {@code TrainEntityHead <presidio_generated_large.jsonl> <metatool_single_tool_queries.jsonl> <NER corpora folder>
 * <output head.bin> [real-corpus training cap]}.
 */
public final class TrainEntityHead {

    public static final long SEED = 42;
    /** Entity probabilities tried on validation (see {@link EntityTagger#ENTITY_PROBABILITY}). */
    static final List<Float> THRESHOLDS = List.of(0.2f, 0.25f, 0.3f, 0.35f, 0.4f, 0.5f);

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
        if (args.length < 4) {
            System.err.println("usage: TrainEntityHead <presidio_generated_large.jsonl>"
                    + " <metatool_single_tool_queries.jsonl> <NER corpora folder> <output head.bin> [cap]");
            System.exit(2);
        }
        EntityData.Sources sources = new EntityData.Sources(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
        run(sources, args.length > 4 ? Integer.parseInt(args[4]) : 0, Path.of(args[3]), null, System.out);
    }

    /**
     * Trains, writes the head to {@code head}, chooses the entity probability on validation, and prints the
     * evaluation at it to {@code out}.
     *
     * @param realTrainCap training texts taken from each real NER corpus at most (0: all)
     * @param encodings    folder where encoder results are remembered between runs, or null
     */
    public static SoftmaxHead run(EntityData.Sources sources, int realTrainCap, Path head, Path encodings,
                                  PrintStream out) {
        EntityData.Corpus corpus = EntityData.load(sources, realTrainCap, SEED);
        out.printf("train %d texts; validation %s%n", corpus.train().size(), sizes(corpus.validation()));
        try (OnnxEncoder onnx = OnnxEncoder.loadDefault()) {
            CachingWindowEncoder training = new CachingWindowEncoder(onnx, encodings);
            EntityTrainer.encodeAll(training, corpus.train(), ProgressBar.toStderr());
            training.save(); // before the long part: a run stopped while training keeps its encoder passes
            SoftmaxHead trained = new EntityTrainer(training, options()).train(corpus.train(), ProgressBar.toStderr());
            training.save();
            HeadCodec.write(trained, head);
            out.println("wrote head for " + training.modelId() + " to " + head);
            // read the folder again: an `eval pii` run meanwhile may have encoded the validation and test sets
            CachingWindowEncoder encoder = new CachingWindowEncoder(onnx, encodings);
            float threshold = chooseThreshold(encoder, trained, corpus.validation(), out);
            encoder.save();
            report(new EntityTagger(encoder, trained, threshold), corpus, out);
            encoder.save();
            return trained;
        }
    }

    /**
     * The entity probability with the best mean exact F2 (all types) over the validation sets; ties go to the
     * smaller value (recall first).
     */
    static float chooseThreshold(CachingWindowEncoder encoder, SoftmaxHead head,
                                 Map<String, List<EntityExample>> validation, PrintStream out) {
        float best = EntityTagger.ENTITY_PROBABILITY;
        double bestScore = -1;
        for (float threshold : THRESHOLDS) {
            EntityEvaluation evaluation = new EntityEvaluation(new EntityTagger(encoder, head, threshold));
            double score = validation.values().stream()
                    .mapToDouble(set -> evaluation.evaluate(set).exactAll().f2()).average().orElse(0);
            out.printf("validation: entity probability %.2f, mean exact F2 %.3f%n", threshold, score);
            if (score > bestScore + 1e-9) {
                bestScore = score;
                best = threshold;
            }
        }
        out.printf("chosen entity probability %.2f (EntityTagger.ENTITY_PROBABILITY ships %.2f)%n", best,
                EntityTagger.ENTITY_PROBABILITY);
        return best;
    }

    /** Prints every validation and test set, then a summary of all of them. */
    public static void report(EntityTagger tagger, EntityData.Corpus corpus, PrintStream out) {
        EntityEvaluation evaluation = new EntityEvaluation(tagger);
        Map<String, EntityEvaluation.Report> reports = new java.util.LinkedHashMap<>();
        corpus.validation().forEach((name, set) -> reports.put(name, evaluation.print(name, set, out)));
        corpus.test().forEach((name, set) -> reports.put(name, evaluation.print(name, set, out)));
        EntityEvaluation.printSummary(reports, out);
    }

    private static String sizes(Map<String, List<EntityExample>> sets) {
        StringBuilder text = new StringBuilder();
        sets.forEach((name, set) -> text.append(text.isEmpty() ? "" : ", ").append(name).append(' ')
                .append(set.size()));
        return text.toString();
    }
}
