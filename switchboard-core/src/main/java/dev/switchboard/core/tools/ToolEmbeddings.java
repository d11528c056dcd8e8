package dev.switchboard.core.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.encode.TextEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 * Embeddings of tool texts (each tool's three views, {@link ToolVectors}), each computed once and remembered by
 * digest in bounded LRUs: one per text, one per whole tool set (its vectors and its {@link LexicalIndex}). Agents
 * send the same tool list with every request, so after the first sight of a set its embeddings cost one digest of
 * the list; a set that differs by one tool re-embeds only that tool.
 *
 * <p>A set bringing more unseen texts than the caller allows on its thread is embedded on one background thread
 * instead (one set at a time, a few sets queued at most), and {@link #ofTools} answers null until it is done: the
 * caller then passes the request through unfiltered rather than stall it for seconds. Kept: digests, vectors and
 * each set's BM25 term counts (words of tool definitions, never of messages). Thread-safe; two threads may embed the same text at once (the results are equal).
 */
public final class ToolEmbeddings {

    /** One tool set, ready to score: each tool's vectors in request order, and the BM25 index of their texts. */
    public record ToolSet(ToolVectors[] tools, LexicalIndex lexical) {}

    /** Large unseen sets waiting for (or in) the background embedder; more are passed through and retried later. */
    private static final int MAX_QUEUED_SETS = 4;

    private final TextEncoder encoder;
    /** Per text digest: its sentence embedding and its token mean ({@link TokenMean}). */
    private final Map<String, float[][]> byText;
    private final Map<String, ToolSet> bySet;
    private final Set<String> embedding = ConcurrentHashMap.newKeySet();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "tool-embeddings");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY); // request threads first: this work only saves later tokens
        return thread;
    });

    /**
     * Whole tool sets remembered. A set's vectors are shared with the text memo; what it adds is its BM25 index
     * (~1.5 KiB a tool), and a set that fell out is rebuilt from remembered vectors in milliseconds, so a few hundred
     * sets bound the memory (256 sets of 200 tools: ~75 MiB at most) without costing encoder passes.
     */
    private static final int SETS_REMEMBERED = 256;

    /** @param capacity tool texts remembered (three per tool); a quarter as many tool sets, 256 at most */
    public ToolEmbeddings(TextEncoder encoder, int capacity) {
        this.encoder = encoder;
        this.byText = lru(capacity);
        this.bySet = lru(Math.max(16, Math.min(SETS_REMEMBERED, capacity / 4)));
    }

    /** The embedding of one tool text. */
    public float[] of(String text) {
        return pooled(text)[0];
    }

    /** One tool text's sentence embedding and token mean, from one encoder pass. */
    private float[][] pooled(String text) {
        String key = digest(text.getBytes(StandardCharsets.UTF_8));
        float[][] pooled = byText.get(key);
        if (pooled == null) {
            Encoding encoding = encoder.encode(text);
            pooled = new float[][] {encoding.embedding(), TokenMean.of(encoding)};
            byText.put(key, pooled);
        }
        return pooled;
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
        List<JsonNode> copy = List.copyOf(tools);
        long unseen = copy.stream().flatMap(t -> views(t).stream()).distinct()
                .filter(t -> !byText.containsKey(digest(t.getBytes(StandardCharsets.UTF_8)))).count();
        if (unseen > maxInline) {
            embedLater(key, copy);
            return null;
        }
        set = embed(copy);
        bySet.put(key, set);
        return set;
    }

    /** The vectors of one tool's views (each remembered by digest). */
    public ToolVectors of(JsonNode tool) {
        return vectors(views(tool));
    }

    /** The vectors of a catalogue tool, whose whole text carries the catalogue's description and tags. */
    public ToolVectors of(JsonNode tool, String text) {
        return vectors(List.of(text, ToolTexts.nameText(tool), ToolTexts.descriptionText(tool)));
    }

    private ToolVectors vectors(List<String> views) {
        float[][] text = pooled(views.get(0));
        float[][] name = pooled(views.get(1));
        float[][] description = pooled(views.get(2));
        return new ToolVectors(text[0], name[0], description[0], text[1], name[1], description[1]);
    }

    private static List<String> views(JsonNode tool) {
        return List.of(ToolTexts.text(tool), ToolTexts.nameText(tool), ToolTexts.descriptionText(tool));
    }

    /** Whether the background embedder has nothing queued or running (for tests and the benchmark). */
    public boolean idle() {
        return embedding.isEmpty();
    }

    private ToolSet embed(List<JsonNode> tools) {
        ToolVectors[] vectors = new ToolVectors[tools.size()];
        for (int i = 0; i < tools.size(); i++) {
            vectors[i] = of(tools.get(i));
        }
        return new ToolSet(vectors, LexicalIndex.of(tools.stream().map(ToolTexts::text).toList()));
    }

    private void embedLater(String key, List<JsonNode> tools) {
        if (embedding.size() >= MAX_QUEUED_SETS || !embedding.add(key)) {
            return; // already queued, or too many queued: a later request of this set schedules it
        }
        try {
            background.execute(() -> {
                try {
                    bySet.put(key, embed(tools));
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
