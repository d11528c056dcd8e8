package dev.switchboard.server.health;

import dev.switchboard.core.encode.Classification;
import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.encode.TextEncoder;
import dev.switchboard.core.pipeline.RouterPipeline;
import dev.switchboard.core.plan.ResponsePath;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.request.ChatRequest;
import dev.switchboard.core.signal.DomainSignals;
import java.util.List;
import java.util.Optional;

/**
 * Plans one known prompt through a freshly built pipeline before the router says it is ready: the encoder must give
 * a finite, non-zero embedding of the configured size, the domain head (when on) must call a plain maths question
 * {@code math} (or, for a custom head without that category, one of its own labels with a probability in [0, 1]),
 * and no guard may block it. Loading a model file is not the same as it working: a truncated weight file or a wrong
 * tokenizer loads fine and answers nonsense, and a replica doing that must never join the load balancer.
 * The cache is skipped (the probe neither reads nor fills it) and no upstream is called.
 */
public final class SelfCheck {

    /** A question every domain head worth shipping files under maths; benign for every guard. */
    static final String PROBE = "What is the derivative of x squared with respect to x?";
    private static final String EXPECTED_DOMAIN = "math";

    private SelfCheck() {}

    /** What is wrong with {@code pipeline}, or empty when the probe came out sane. */
    public static Optional<String> problem(RouterPipeline pipeline) {
        Optional<String> encoder = pipeline.encoder().flatMap(SelfCheck::encoderProblem);
        if (encoder.isPresent()) {
            return encoder;
        }
        String auto = pipeline.config().routing().autoModelNames().get(0);
        RoutePlan plan = pipeline.plan(ChatRequest.ofUserText(auto, PROBE), false);
        if (plan.path() == ResponsePath.BLOCKED) {
            return Optional.of("a guard blocked the self-check question \"" + PROBE + "\"");
        }
        return domainProblem(pipeline.domainLabels(), plan.signals().classification(DomainSignals.TYPE));
    }

    private static Optional<String> encoderProblem(TextEncoder encoder) {
        Encoding encoding = encoder.encode(PROBE);
        float[] v = encoding.embedding();
        if (v.length != encoder.dimension()) {
            return Optional.of("the encoder gave " + v.length + " dimensions, expected " + encoder.dimension());
        }
        double norm = 0;
        for (float x : v) {
            if (!Float.isFinite(x)) {
                return Optional.of("the encoder's embedding of the self-check question is not finite");
            }
            norm += x * x;
        }
        return norm > 0 ? Optional.empty() : Optional.of("the encoder's embedding of the self-check question is zero");
    }

    private static Optional<String> domainProblem(List<String> labels, Optional<Classification> verdict) {
        if (labels.isEmpty()) {
            return Optional.empty(); // the domain head is off
        }
        if (verdict.isEmpty()) {
            return Optional.of("the domain head gave no verdict on the self-check question");
        }
        Classification c = verdict.get();
        if (!(c.confidence() >= 0 && c.confidence() <= 1) || !labels.contains(c.label())) {
            return Optional.of("the domain head answered `" + c.label() + "` with confidence " + c.confidence());
        }
        if (labels.contains(EXPECTED_DOMAIN) && !c.label().equals(EXPECTED_DOMAIN)) {
            return Optional.of("the domain head filed \"" + PROBE + "\" under `" + c.label() + "`, not `math`");
        }
        return Optional.empty();
    }
}
