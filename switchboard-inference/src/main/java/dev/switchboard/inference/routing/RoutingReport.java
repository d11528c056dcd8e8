package dev.switchboard.inference.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Writes an evaluation's results as Markdown, SVG and JSON. */
public final class RoutingReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final RoutingEvaluation evaluation;
    private final List<RouterResult> results;

    public RoutingReport(RoutingEvaluation evaluation, List<RouterResult> results) {
        this.evaluation = evaluation;
        this.results = List.copyOf(results);
    }

    public List<RouterResult> results() {
        return results;
    }

    public String svg() {
        return CurveSvg.draw(results, evaluation.targetAccuracy());
    }

    /** A Markdown table, best first, then the single models; {@code svgName} is linked as the plot. */
    public String markdown(String title, String svgName) {
        OutcomeTable t = evaluation.table();
        int best = t.bestModel();
        StringBuilder md = new StringBuilder("# " + title + "\n\n");
        md.append(String.format(Locale.ROOT, "%d held-out prompts, %d models. Best single model: %s, accuracy %.4f; "
                + "target (95 %%) %.4f. Cost is a fraction of the best model's mean cost per prompt.%n%n",
                t.size(), t.models().size(), t.models().get(best), t.accuracy(best), evaluation.targetAccuracy()));
        boolean pair = results.stream().anyMatch(r -> r.pair() != null);
        md.append(pair ? "| router | best accuracy | cost at 95 % | APGR | CPT(50 %) | CPT(80 %) |\n|---|---|---|---|---|---|\n"
                : "| router | best accuracy | cost at 95 % |\n|---|---|---|\n");
        for (RouterResult r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %.4f | %s |", r.name(), r.bestAccuracy(), pct(r.costAt95())));
            if (pair && r.pair() != null) {
                md.append(String.format(Locale.ROOT, " %.3f | %s | %s |", r.pair().apgr(), pct(r.pair().cpt50()),
                        pct(r.pair().cpt80())));
            } else if (pair) {
                md.append(" — | — | — |");
            }
            md.append('\n');
        }
        return md.append("\n![accuracy versus cost](").append(svgName).append(")\n").toString();
    }

    private static String pct(Double v) {
        return v == null ? "not reached" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }

    /** Per router: {@code apgr, cpt50, cpt80} (two models), {@code cost_at_95}, and the curve points. */
    public String json() {
        ObjectNode root = JSON.createObjectNode();
        OutcomeTable t = evaluation.table();
        root.put("rows", t.size()).put("best_model", t.models().get(t.bestModel()))
                .put("best_accuracy", t.accuracy(t.bestModel())).put("target_accuracy", evaluation.targetAccuracy());
        root.putPOJO("models", t.models());
        ObjectNode routers = root.putObject("routers");
        for (RouterResult r : results) {
            ObjectNode node = routers.putObject(r.name());
            node.put("best_accuracy", r.bestAccuracy());
            putNullable(node, "cost_at_95", r.costAt95());
            if (r.pair() != null) {
                node.put("apgr", r.pair().apgr());
                putNullable(node, "cpt50", r.pair().cpt50());
                putNullable(node, "cpt80", r.pair().cpt80());
            }
            ArrayNode curve = node.putArray("curve");
            r.curve().stream().sorted(Comparator.comparingDouble(CurvePoint::cost)).forEach(p -> curve.addObject()
                    .put("cost", p.cost()).put("accuracy", p.accuracy()).put("setting", p.setting()));
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putNullable(ObjectNode node, String field, Double value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
