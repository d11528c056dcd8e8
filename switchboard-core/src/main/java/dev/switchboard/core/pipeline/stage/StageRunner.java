package dev.switchboard.core.pipeline.stage;

import dev.switchboard.core.plan.RoutePlan;
import java.util.List;
import java.util.Optional;

/** Runs stages in order until one ends the request with a plan. Immutable. */
public final class StageRunner {

    private final List<Stage> stages;

    public StageRunner(List<Stage> stages) {
        this.stages = List.copyOf(stages);
    }

    /** The stages' names, in the order they run. */
    public List<String> names() {
        return stages.stream().map(Stage::name).toList();
    }

    /** The plan of the first stage that ends the request; the last stage must end every request it sees. */
    public RoutePlan run(RequestContext request) {
        for (Stage stage : stages) {
            Optional<RoutePlan> done = stage.apply(request);
            if (done.isPresent()) {
                return done.get();
            }
        }
        throw new IllegalStateException("no stage ended the request; the last stage must build the plan");
    }
}
