package dev.switchboard.core.pipeline.stage;

import dev.switchboard.core.encode.TextEncoder;
import dev.switchboard.core.plan.RoutePlan;
import java.util.Optional;

/**
 * Encode once: prepares the one encoder pass over the latest user message that every ML signal and guard reads. The
 * pass runs when a later stage first asks for it, so requests that need no ML pay nothing.
 */
public final class EncodeStage implements Stage {

    private final TextEncoder encoder;

    /** @param encoder the shared encoder, or null when nothing needs it */
    public EncodeStage(TextEncoder encoder) {
        this.encoder = encoder;
    }

    @Override
    public Optional<RoutePlan> apply(RequestContext request) {
        request.encodeWith(encoder);
        return CONTINUE;
    }
}
