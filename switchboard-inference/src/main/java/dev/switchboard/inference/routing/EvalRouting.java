package dev.switchboard.inference.routing;

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
            predicted[i] = router.prediction(router.quality().predict(embeddings[i])).scores();
        }
        RoutingEvaluation evaluation = new RoutingEvaluation(OutcomeTable.of(rows, router.models()), router.costs());
        List<Outcome> trainingRows = training == null ? null : OutcomeFile.dedupe(OutcomeFile.read(training));
        RoutingReport report = new RoutingReport(evaluation, evaluation.run(predicted, trainingRows));
        write(report, reportDir, json, "Routing evaluation: " + routerDir.getFileName() + " on " + data.getFileName());
        log.println(report.markdown("Routing evaluation", "curve.svg"));
        return report;
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
