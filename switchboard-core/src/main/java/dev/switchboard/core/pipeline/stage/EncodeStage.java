package dev.switchboard.core.pipeline.stage;

import dev.switchboard.core.config.GuardSettings;
import dev.switchboard.core.encode.TextEncoder;
import dev.switchboard.core.guard.ScanBudget;
import dev.switchboard.core.plan.RoutePlan;
import java.util.Optional;

/**
 * Encode once: prepares the one encoder pass over the latest user message that every ML signal and guard reads. The
 * pass runs when a later stage first asks for it, so requests that need no ML pay nothing. Also opens the request's
 * {@link ScanBudget}: what the guards may spend on encoder passes of their own (earlier turns, tool texts, windows).
 */
public final class EncodeStage implements Stage {

    private final TextEncoder encoder;
    private final GuardSettings.MlBudget limits;

    /**
     * @param encoder the shared encoder, or null when nothing needs it
     * @param limits  the guards' per-request ML budget
     */
    public EncodeStage(TextEncoder encoder, GuardSettings.MlBudget limits) {
        this.encoder = encoder;
        this.limits = limits;
    }

    @Override
    public Optional<RoutePlan> apply(RequestContext request) {
        request.encodeWith(encoder);
        request.budget(new ScanBudget(limits));
        return CONTINUE;
    }
}
