package dev.switchboard.inference.routing;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.selection.CostAwareSelector;
import dev.switchboard.core.selection.SelectionPolicy;
import dev.switchboard.inference.encoder.OnnxEncoder;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code switchboard eval routing}: replays a trained router and the baselines on a held-out outcome file and
 * writes {@code report.md} with {@code curve.svg} next to it (and JSON when asked).
 */
public final class EvalRouting {

    /** Prompts timed for the selection-cost line: enough for a median and a p99. */
    private static final int TIMED_PROMPTS = 500;

    private EvalRouting() {}

    /**
     * @param training the router's training file, for the per-category baseline; null skips it
     * @param json     where to write the JSON results, or null
     */
    public static RoutingReport run(Path routerDir, Path data, Path training, Path reportDir, Path json,
                                    Path embeddingCache, OnnxEncoder encoder, PrintStream log) {
        RouterModel router = RouterFiles.load(routerDir);
        if (!router.encoderId().equals(encoder.modelId())) {
            throw new IllegalArgumentException(routerDir + " was trained on " + router.encoderId()
                    + " embeddings, not " + encoder.modelId());
        }
        List<Outcome> rows = OutcomeFile.dedupe(OutcomeFile.read(data));
        float[][] embeddings = TrainRouter.embed(rows, encoder, embeddingCache);
        double[][] predicted = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            predicted[i] = router.choiceScores(router.prediction(router.quality().predict(embeddings[i])).scores());
        }
        RoutingEvaluation evaluation = new RoutingEvaluation(OutcomeTable.of(rows, router.models()), router.costs());
        List<Outcome> trainingRows = training == null ? null : OutcomeFile.dedupe(OutcomeFile.read(training));
        RoutingReport report = new RoutingReport(evaluation, evaluation.run(predicted, trainingRows));
        write(report, reportDir, json, "Routing evaluation: " + routerDir.getFileName() + " on " + data.getFileName());
        log.println(report.markdown("Routing evaluation", "curve.svg"));
        log.println(selectionTime(router, embeddings));
        return report;
    }

    /**
     * What selection adds on top of the shared encoder pass: the router's prediction plus the choice, per prompt,
     * timed in this process after a warm-up pass (a measurement, not a benchmark under load).
     */
    static String selectionTime(RouterModel router, float[][] embeddings) {
        CostAwareSelector selector = new CostAwareSelector(router, new SelectionPolicy(0.95, null));
        long[] nanos = new long[Math.min(TIMED_PROMPTS, embeddings.length)];
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < nanos.length; i++) {
                Encoding encoding = new Encoding(embeddings[i], new float[0][], new int[0][], false);
                long start = System.nanoTime();
                selector.choose(router.models(), encoding);
                nanos[i] = System.nanoTime() - start;
            }
        }
        long[] sorted = java.util.Arrays.stream(nanos).sorted().toArray();
        return String.format(java.util.Locale.ROOT, "selection time per prompt (%s, %d models): median %.1f us, "
                + "p99 %.1f us", router.quality().describe(), router.models().size(), sorted[sorted.length / 2] / 1e3,
                sorted[(int) (sorted.length * 0.99)] / 1e3);
    }

    private static void write(RoutingReport report, Path reportDir, Path json, String title) {
        try {
            Files.createDirectories(reportDir);
            Files.writeString(reportDir.resolve("curve.svg"), report.svg());
            Files.writeString(reportDir.resolve("report.md"), report.markdown(title, "curve.svg"));
            if (json != null) {
                Files.writeString(json, report.json());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report to " + reportDir, e);
        }
    }
}
