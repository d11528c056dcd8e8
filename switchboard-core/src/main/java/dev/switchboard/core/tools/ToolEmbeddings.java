package dev.switchboard.core.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.encode.TextEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Embeddings of tool texts, each computed once and remembered by digest in bounded LRUs: one per tool text, one per
 * whole tool set. Agents send the same tool list with every request, so after the first sight of a set its
 * embeddings cost one digest of the list; a set that differs by one tool re-embeds only that tool. Only digests and
 * vectors are kept, never the texts. Thread-safe; two threads may embed the same text at once (the results are
 * equal).
 */
public final class ToolEmbeddings {

    private final TextEncoder encoder;
    private final Map<String, float[]> byText;
    private final Map<String, float[][]> bySet;

    /** @param capacity tool texts remembered; a quarter as many tool sets */
    public ToolEmbeddings(TextEncoder encoder, int capacity) {
        this.encoder = encoder;
        this.byText = lru(capacity);
        this.bySet = lru(Math.max(16, capacity / 4));
    }

    /** The embedding of one tool text. */
    public float[] of(String text) {
        String key = digest(text.getBytes(StandardCharsets.UTF_8));
        float[] embedding = byText.get(key);
        if (embedding == null) {
            embedding = encoder.encode(text).embedding();
            byText.put(key, embedding);
        }
        return embedding;
    }

    /** The embeddings of a request's tools, in order; {@code serialized} is the tools array's JSON (the set key). */
    public float[][] ofTools(List<JsonNode> tools, byte[] serialized) {
        String key = digest(serialized);
        float[][] embeddings = bySet.get(key);
        if (embeddings == null) {
            embeddings = new float[tools.size()][];
            for (int i = 0; i < tools.size(); i++) {
                embeddings[i] = of(ToolTexts.text(tools.get(i)));
            }
            bySet.put(key, embeddings);
        }
        return embeddings;
    }

    private static <V> Map<String, V> lru(int capacity) {
        return Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        });
    }

    private static String digest(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
