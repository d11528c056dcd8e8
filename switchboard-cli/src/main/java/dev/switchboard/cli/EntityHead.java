package dev.switchboard.cli;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.guard.pii.PiiRecognizer;
import dev.switchboard.core.guard.pii.PiiSpan;
import dev.switchboard.core.guard.pii.PiiType;
import dev.switchboard.inference.ner.EntityTagger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The trained entity head as the PII guard's recognizer for names, places, organisations and addresses.
 *
 * <p>The latest user message is read from the request's shared encoder pass. Every other message needs a pass of
 * its own, yet most of them were seen before: the system prompt a decision inserts, and the earlier turns a chat
 * client re-sends with each request. Their findings are kept in a small LRU keyed by a SHA-256 of the text, as
 * types and offsets only — no text and no value is kept.
 */
final class EntityHead implements PiiRecognizer {

    private static final int REMEMBERED_TEXTS = 4096;

    private record Found(PiiType type, int start, int end, double confidence) {}

    private final EntityTagger tagger;
    private final Map<String, List<Found>> recent = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<Found>> eldest) {
                    return size() > REMEMBERED_TEXTS;
                }
            });

    EntityHead(EntityTagger tagger) {
        this.tagger = tagger;
    }

    @Override
    public List<PiiSpan> find(String text) {
        String key = digest(text);
        List<Found> found = recent.get(key);
        if (found == null) {
            List<PiiSpan> spans = tagger.find(text);
            recent.put(key, spans.stream().map(s -> new Found(s.type(), s.start(), s.end(), s.confidence())).toList());
            return spans;
        }
        return found.stream().map(f -> PiiSpan.of(f.type(), text, f.start(), f.end(), f.confidence())).toList();
    }

    @Override
    public List<PiiSpan> find(String text, Supplier<Encoding> shared) {
        Encoding encoding = shared.get();
        return encoding.truncated() ? find(text) : tagger.find(text, encoding);
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
