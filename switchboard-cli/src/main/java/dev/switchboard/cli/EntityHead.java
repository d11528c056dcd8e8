package dev.switchboard.cli;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.guard.pii.PiiRecognizer;
import dev.switchboard.core.guard.pii.PiiSpan;
import dev.switchboard.inference.ner.EntityTagger;
import java.util.List;
import java.util.function.Supplier;

/**
 * The trained entity head as the PII guard's recognizer for names, places, organisations and addresses. The
 * latest user message is read from the request's shared encoder pass; a text longer than that pass, or any other
 * message, gets its own pass (windows for long texts), since every message reaches the model.
 */
final class EntityHead implements PiiRecognizer {

    private final EntityTagger tagger;

    EntityHead(EntityTagger tagger) {
        this.tagger = tagger;
    }

    @Override
    public List<PiiSpan> find(String text) {
        return tagger.find(text);
    }

    @Override
    public List<PiiSpan> find(String text, Supplier<Encoding> shared) {
        Encoding encoding = shared.get();
        return encoding.truncated() ? tagger.find(text) : tagger.find(text, encoding);
    }
}
