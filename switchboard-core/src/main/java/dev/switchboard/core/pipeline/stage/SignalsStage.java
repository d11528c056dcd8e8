package dev.switchboard.core.pipeline.stage;

import dev.switchboard.core.config.RoutingSettings;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.signal.SignalExtractor;
import dev.switchboard.core.signal.SignalSet;
import java.util.List;
import java.util.Optional;

/**
 * Signals: every extractor reads the request (and the shared encoder pass) and records what it found, with the time
 * it took. Signals state facts; they never choose a model. A request that names a model directly skips them.
 */
public final class SignalsStage implements Stage {

    private final RoutingSettings routing;
    private final List<SignalExtractor> extractors;

    public SignalsStage(RoutingSettings routing, List<SignalExtractor> extractors) {
        this.routing = routing;
        this.extractors = List.copyOf(extractors);
    }

    @Override
    public Optional<RoutePlan> apply(RequestContext request) {
        if (routing.isAuto(request.request().model())) {
            request.signals(extract(request));
        }
        return CONTINUE;
    }

    private SignalSet extract(RequestContext request) {
        EncodeOnce encoding = request.sharedPass();
        SignalSet signals = new SignalSet();
        for (SignalExtractor extractor : extractors) {
            long start = System.nanoTime();
            long encodeBefore = encoding.nanos();
            extractor.extract(request.request(), encoding, signals);
            // the shared pass is charged to "encoder", not to the signal that happened to ask first
            signals.addLatency(extractor.type(), System.nanoTime() - start - (encoding.nanos() - encodeBefore));
        }
        if (encoding.done()) {
            signals.addLatency("encoder", encoding.nanos());
        }
        return signals;
    }
}
