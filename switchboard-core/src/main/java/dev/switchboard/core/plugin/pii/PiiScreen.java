package dev.switchboard.core.plugin.pii;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.config.GuardSettings;
import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.guard.ScanBudget;
import dev.switchboard.core.guard.pii.PiiRecognizer;
import dev.switchboard.core.guard.pii.PiiSpan;
import dev.switchboard.core.guard.pii.RedactionMap;
import dev.switchboard.core.guard.pii.Redactor;
import dev.switchboard.core.request.ScannedTexts;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The PII guard's eyes and hands: finds personal data in every text of a request that reaches a model (message
 * contents and names, tool-call arguments, tool definitions: {@link ScannedTexts}) and, for a model that may not see
 * some of it, rewrites a copy of the body with typed placeholders in exactly those fields.
 */
public final class PiiScreen {

    private final PiiRecognizer recognizer;
    private final double minConfidence;

    public PiiScreen(PiiRecognizer recognizer, GuardSettings.PiiGuard settings) {
        this.recognizer = recognizer;
        this.minConfidence = settings.minConfidence();
    }

    /**
     * Every text of {@code body} with the spans found in it. Texts are read in {@link ScannedTexts#inScanOrder}
     * order, so the ML part of the recognizer spends {@code budget} on the latest user message first; the text
     * equal to {@code sharedText} (the latest user message) is read from the request's shared encoder pass.
     */
    public PiiFindings scan(ObjectNode body, int latestUserIndex, String sharedText, Supplier<Encoding> shared,
                            ScanBudget budget) {
        List<PiiFindings.TextSpans> found = new ArrayList<>();
        for (ScannedTexts.ScannedText text : ScannedTexts.of(body).inScanOrder(latestUserIndex)) {
            Supplier<Encoding> pass = shared != null && text.text().equals(sharedText) ? shared : null;
            List<PiiSpan> spans = recognizer.find(text.text(), pass, budget).stream()
                    .filter(s -> s.confidence() >= minConfidence).toList();
            if (!spans.isEmpty()) {
                found.add(new PiiFindings.TextSpans(text.path(), spans));
            }
        }
        return new PiiFindings(found);
    }

    /** A copy of {@code body} with every span whose type {@code allowed} rejects replaced by a placeholder. */
    public static Redaction redact(ObjectNode body, PiiFindings findings, Predicate<String> allowed) {
        ObjectNode copy = body.deepCopy();
        Redactor redactor = new Redactor();
        for (PiiFindings.TextSpans text : findings.texts()) {
            List<PiiSpan> hidden = text.spans().stream().filter(s -> !allowed.test(s.type().name())).toList();
            if (!hidden.isEmpty()) {
                ScannedTexts.setText(copy, text.path(), redactor.apply(ScannedTexts.textAt(copy, text.path()), hidden));
            }
        }
        return new Redaction(copy, redactor.map()); // one map copy per request, not one per redacted text
    }

    /** A rewritten body and what its placeholders stand for. */
    public record Redaction(ObjectNode body, RedactionMap map) {}
}
