package dev.switchboard.core.selection;

import dev.switchboard.core.encode.Encoding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reorders a decision's candidate models for one prompt: the model the {@link SelectionPolicy} picks from the
 * router's predictions goes first, the others keep their configured order behind it as fallbacks. Candidates the
 * router does not know keep their place after the known ones; when the router is unsure, nothing moves.
 */
public final class CostAwareSelector {

    private final QualityRouter router;
    private final SelectionPolicy policy;

    public CostAwareSelector(QualityRouter router, SelectionPolicy policy) {
        this.router = router;
        this.policy = policy;
    }

    public QualityRouter router() {
        return router;
    }

    /**
     * The outcome for one prompt.
     *
     * @param order  indices into the candidates, new order
     * @param reason why, for the {@code x-vsr-selection} header (e.g. {@code cost_aware: cheapest within 95% ...})
     */
    public record Choice(List<Integer> order, String reason) {}

    /** @param candidates the decision's model names in configured order */
    public Choice choose(List<String> candidates, Encoding encoding) {
        int[] known = candidates.stream().mapToInt(router.models()::indexOf).toArray();
        int[] usable = java.util.Arrays.stream(known).filter(i -> i >= 0).toArray();
        List<Integer> staticOrder = java.util.stream.IntStream.range(0, candidates.size()).boxed().toList();
        if (usable.length == 0) {
            return new Choice(staticOrder, "static: the router knows none of the candidates");
        }
        Optional<QualityRouter.Prediction> prediction = router.predict(encoding);
        if (prediction.isEmpty()) {
            return new Choice(staticOrder, "static: the router is unsure (prompt unlike its training data)");
        }
        double[] scores = prediction.get().scores();
        int[] considered = java.util.Arrays.stream(usable).filter(router::considers).toArray();
        int chosen = policy.choose(scores, router.costs(), considered.length > 0 ? considered : usable);
        int position = indexOf(known, chosen);
        List<Integer> order = new ArrayList<>();
        order.add(position);
        staticOrder.stream().filter(i -> i != position).forEach(order::add);
        return new Choice(order, reason(candidates.get(position), scores[chosen], best(scores, usable)));
    }

    private String reason(String model, double predicted, double best) {
        String rule = policy.willingnessToPay() != null
                ? "best quality minus cost at willingness_to_pay " + policy.willingnessToPay()
                : "cheapest within " + Math.round(100 * policy.qualityTarget()) + "% of the best predicted quality";
        return String.format(Locale.ROOT, "cost_aware: %s (%s; predicted %.2f, best %.2f)", model, rule, predicted,
                best);
    }

    private static double best(double[] scores, int[] usable) {
        double best = 0;
        for (int i : usable) {
            best = Math.max(best, scores[i]);
        }
        return best;
    }

    private static int indexOf(int[] known, int model) {
        for (int i = 0; i < known.length; i++) {
            if (known[i] == model) {
                return i;
            }
        }
        throw new IllegalStateException("chosen model is not a candidate");
    }
}
