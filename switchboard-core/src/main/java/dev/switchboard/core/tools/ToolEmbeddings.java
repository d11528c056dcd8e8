package dev.switchboard.core.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.encode.TextEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Embeddings of tool texts, each computed once and remembered by digest in bounded LRUs: one per tool text, one per
 * whole tool set (its vectors and its {@link LexicalIndex}). Agents send the same tool list with every request, so
 * after the first sight of a set its embeddings cost one digest of the list; a set that differs by one tool
 * re-embeds only that tool.
 *
 * <p>A set bringing more unseen texts than the caller allows on its thread is embedded on one background thread
 * instead (one set at a time, a few sets queued at most), and {@link #ofTools} answers null until it is done: the
 * caller then passes the request through unfiltered rather than stall it for seconds. Only digests and vectors are
 * kept, never the texts. Thread-safe; two threads may embed the same text at once (the results are equal).
 */
public final class ToolEmbeddings {

    /** One tool set, ready to score: a vector per tool in request order, and the BM25 index of the same texts. */
    public record ToolSet(float[][] vectors, LexicalIndex lexical) {}

    /** Large unseen sets waiting for (or in) the background embedder; more are passed through and retried later. */
    private static final int MAX_QUEUED_SETS = 4;

    private final TextEncoder encoder;
    private final Map<String, float[]> byText;
    private final Map<String, ToolSet> bySet;
    private final Set<String> embedding = ConcurrentHashMap.newKeySet();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "tool-embeddings");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY); // request threads first: this work only saves later tokens
        return thread;
    });

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

    /**
     * A request's tools ready to score, or null while a set with more than {@code maxInline} unseen tool texts is
     * embedded in the background (it is scheduled by the first such call).
     *
     * @param serialized the tools array's JSON (the set's key)
     * @param maxInline  unseen tool texts that may be embedded on the caller's thread
     */
    public ToolSet ofTools(List<JsonNode> tools, byte[] serialized, int maxInline) {
        String key = digest(serialized);
        ToolSet set = bySet.get(key);
        if (set != null) {
            return set;
        }
        List<String> texts = tools.stream().map(ToolTexts::text).toList();
        long unseen = texts.stream().filter(t -> !byText.containsKey(digest(t.getBytes(StandardCharsets.UTF_8))))
                .count();
        if (unseen > maxInline) {
            embedLater(key, texts);
            return null;
        }
        set = embed(texts);
        bySet.put(key, set);
        return set;
    }

    /** Whether the background embedder has nothing queued or running (for tests and the benchmark). */
    public boolean idle() {
        return embedding.isEmpty();
    }

    private ToolSet embed(List<String> texts) {
        float[][] vectors = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) {
            vectors[i] = of(texts.get(i));
        }
        return new ToolSet(vectors, LexicalIndex.of(texts));
    }

    private void embedLater(String key, List<String> texts) {
        if (embedding.size() >= MAX_QUEUED_SETS || !embedding.add(key)) {
            return; // already queued, or too many queued: a later request of this set schedules it
        }
        try {
            background.execute(() -> {
                try {
                    bySet.put(key, embed(new ArrayList<>(texts)));
                } finally {
                    embedding.remove(key);
                }
            });
        } catch (RejectedExecutionException e) {
            embedding.remove(key);
        }
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
