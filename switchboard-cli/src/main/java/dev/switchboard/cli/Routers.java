package dev.switchboard.cli;

import dev.switchboard.core.config.DecisionConfig;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.encode.TextEncoder;
import dev.switchboard.core.selection.CostAwareSelector;
import dev.switchboard.core.selection.SelectionPolicy;
import dev.switchboard.inference.routing.RouterFiles;
import dev.switchboard.inference.routing.RouterModel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads trained routers (once per directory, reused across config reloads) and builds each decision's cost-aware
 * selector. A router trained on another encoder, or one that knows none of a decision's models, is refused with
 * the decision's YAML path.
 */
final class Routers {

    private final Map<String, RouterModel> loaded = new HashMap<>();

    RouterModel load(String path, TextEncoder encoder) {
        RouterModel router = loaded.computeIfAbsent(path, p -> RouterFiles.load(Path.of(p)));
        if (!router.encoderId().equals(encoder.modelId())) {
            throw new IllegalStateException("router " + path + " was trained on " + router.encoderId()
                    + " embeddings but the encoder is " + encoder.modelId() + "; retrain it with this encoder");
        }
        return router;
    }

    Map<String, CostAwareSelector> selectors(SwitchboardConfig config, TextEncoder encoder) {
        Map<String, CostAwareSelector> selectors = new HashMap<>();
        List<DecisionConfig> decisions = config.decisions();
        for (int i = 0; i < decisions.size(); i++) {
            DecisionConfig d = decisions.get(i);
            if (d.selection() != null) {
                selectors.put(d.name(), selector(d, "decisions[" + i + "].selection.router", encoder));
            }
        }
        return selectors;
    }

    private CostAwareSelector selector(DecisionConfig decision, String path, TextEncoder encoder) {
        RouterModel router = load(decision.selection().routerPath(), encoder);
        boolean knowsOne = decision.modelRefs().stream().anyMatch(r -> router.models().contains(r.model()));
        if (!knowsOne) {
            throw new IllegalStateException(path + ": the router knows none of decision `" + decision.name()
                    + "`'s models (it knows " + router.models() + "); name the models as in its training data");
        }
        return new CostAwareSelector(router, new SelectionPolicy(decision.selection().qualityTarget(),
                decision.selection().willingnessToPay()));
    }
}
