package dev.switchboard.inference.adapter;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.guard.ScanBudget;
import dev.switchboard.core.guard.pii.PiiRecognizer;
import dev.switchboard.core.guard.pii.PiiSpan;
import dev.switchboard.core.guard.pii.PiiType;
import dev.switchboard.inference.ner.EntityTagger;
import java.util.List;
import java.util.function.Supplier;

/**
 * The trained entity head as the PII guard's recognizer for names, places, organisations and addresses.
 *
 * <p>The latest user message is read from the request's shared encoder pass. Every other message needs a pass of
 * its own, yet most of them were seen before: the system prompt a decision inserts, and the earlier turns a chat
 * client re-sends with each request. Their findings are remembered ({@link TextMemo}) as types and offsets only —
 * no text and no value is kept.
 */
public final class EntityHead implements PiiRecognizer {

    private static final int REMEMBERED_TEXTS = 4096;

    private record Found(PiiType type, int start, int end, double confidence) {}

    private final EntityTagger tagger;
    private final TextMemo<List<Found>> recent = new TextMemo<>(REMEMBERED_TEXTS);

    public EntityHead(EntityTagger tagger) {
        this.tagger = tagger;
    }

    @Override
    public List<PiiSpan> find(String text) {
        return find(text, null, ScanBudget.unlimited());
    }

    @Override
    public List<PiiSpan> find(String text, Supplier<Encoding> shared) {
        return find(text, shared, ScanBudget.unlimited());
    }

    /**
     * The shared pass when it covers the whole text (free); else, unless remembered, the text's own windows within
     * {@code budget} (a long text read as head and tail), counted as one of the request's scanned texts.
     */
    @Override
    public List<PiiSpan> find(String text, Supplier<Encoding> shared, ScanBudget budget) {
        Encoding encoding = shared == null ? null : shared.get();
        if (encoding != null && !encoding.truncated()) {
            return tagger.find(text, encoding);
        }
        return recent.get(text, t -> budget.beginText() ? tagger.find(t, budget).stream()
                        .map(s -> new Found(s.type(), s.start(), s.end(), s.confidence())).toList() : List.<Found>of(),
                budget).stream().map(f -> PiiSpan.of(f.type(), text, f.start(), f.end(), f.confidence())).toList();
    }
}
