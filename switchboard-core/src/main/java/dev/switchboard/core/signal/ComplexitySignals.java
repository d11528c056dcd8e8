package dev.switchboard.core.signal;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.request.ChatRequest;
import dev.switchboard.core.selection.QualityRouter;
import java.util.function.Supplier;

/**
 * The complexity signal: fires {@code complexity:easy|medium|hard} from a trained router's predictions — how likely
 * its cheaper models are to fail the latest user message. The confidence is that likelihood for {@code hard}, and
 * one minus it (how likely they succeed) for {@code easy} and {@code medium}. Nothing fires when the router is
 * unsure.
 */
public final class ComplexitySignals implements SignalExtractor {

    public static final String TYPE = "complexity";

    private final QualityRouter router;

    public ComplexitySignals(QualityRouter router) {
        this.router = router;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void extract(ChatRequest request, Supplier<Encoding> encoding, SignalSet out) {
        if (request.userText().isBlank()) {
            return;
        }
        router.predict(encoding.get()).ifPresent(p -> out.add(TYPE, p.level(),
                p.level().equals("hard") ? p.complexity() : 1 - p.complexity()));
    }
}
