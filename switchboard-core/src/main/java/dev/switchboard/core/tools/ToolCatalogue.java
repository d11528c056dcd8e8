package dev.switchboard.core.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tools {@code add} mode may give a request: a JSON file of OpenAI function schemas, read and embedded at config
 * load and again whenever the file changes (checked at most once a second; a broken edit keeps the last good
 * catalogue and logs why). Each entry is either a plain OpenAI tool or the vLLM Semantic Router's
 * {@code tools_db.json} layout: {@code {"tool": {...}, "description": "...", "category": "...", "tags": [...]}};
 * the longer description and the tags are embedded with the tool but never sent to the model. An entry may also
 * carry {@code "examples"}: requests the tool serves; their mean embedding scores the tool next to its text (see
 * {@link ToolSelector#relevance}), which also ranks a client's tool of the same name better. The mean beat the
 * nearest example on the validation split (docs/tools.md), and costs one dot product whatever the count.
 */
public final class ToolCatalogue {

    private static final Logger log = LoggerFactory.getLogger(ToolCatalogue.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CHECK_EVERY_NANOS = 1_000_000_000L;

    /**
     * One catalogue tool: what is sent ({@code definition}), its embedded text's vector, and the vectors its example
     * requests contribute — their normalized mean — or null without examples.
     */
    public record Entry(String name, ObjectNode definition, ToolVectors vectors, float[][] examples) {}

    /** The catalogue as last read: its entries and the BM25 index of their texts, in the same order. */
    public record Snapshot(List<Entry> entries, LexicalIndex lexical) {}

    private final Path file;
    private final ToolEmbeddings embeddings;
    private volatile Snapshot current;
    private volatile Map<String, Entry> byName;
    private volatile FileTime loadedVersion;
    private volatile long checkedAt;

    private ToolCatalogue(Path file, ToolEmbeddings embeddings) {
        this.file = file;
        this.embeddings = embeddings;
    }

    /** Reads and embeds {@code file}; throws {@link IllegalArgumentException} naming the bad entry. */
    public static ToolCatalogue load(Path file, ToolEmbeddings embeddings) {
        ToolCatalogue catalogue = new ToolCatalogue(file, embeddings);
        catalogue.reload();
        return catalogue;
    }

    /** The current entries, re-read first when the file changed since the last look. */
    public List<Entry> entries() {
        return snapshot().entries();
    }

    /** The current entries and their BM25 index, re-read first when the file changed since the last look. */
    public Snapshot snapshot() {
        long now = System.nanoTime();
        if (now - checkedAt > CHECK_EVERY_NANOS) {
            checkedAt = now;
            try {
                if (!Files.getLastModifiedTime(file).equals(loadedVersion)) {
                    reload();
                    log.info("Tool catalogue {} reloaded: {} tools", file, current.entries().size());
                }
            } catch (IOException | RuntimeException e) {
                log.warn("Tool catalogue {} not reloaded, keeping the previous {} tools: {}", file,
                        current.entries().size(), e.getMessage());
            }
        }
        return current;
    }

    /** The entry named {@code name} in the current catalogue, or null. */
    public Entry find(String name) {
        return name == null ? null : byName.get(name);
    }

    private synchronized void reload() {
        try {
            FileTime version = Files.getLastModifiedTime(file);
            List<String> texts = new ArrayList<>();
            List<Entry> parsed = parse(JSON.readTree(file.toFile()), texts);
            Map<String, Entry> names = new HashMap<>();
            parsed.forEach(e -> names.putIfAbsent(e.name(), e));
            byName = Map.copyOf(names);
            current = new Snapshot(parsed, LexicalIndex.of(texts));
            loadedVersion = version;
        } catch (IOException e) {
            throw new IllegalArgumentException("tool catalogue " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private List<Entry> parse(JsonNode root, List<String> texts) {
        JsonNode items = root.isObject() && root.has("tools") ? root.get("tools") : root;
        if (!items.isArray()) {
            throw new IllegalArgumentException("tool catalogue " + file + " must be a JSON array of tools");
        }
        List<Entry> parsed = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            parsed.add(entry(items.get(i), "[" + i + "]", texts));
        }
        return List.copyOf(parsed);
    }

    private Entry entry(JsonNode item, String at, List<String> texts) {
        boolean wrapped = item.has("tool");
        JsonNode tool = wrapped ? item.get("tool") : item;
        String name = tool.isObject() ? ToolTexts.name(tool) : null;
        if (name == null) {
            throw new IllegalArgumentException("tool catalogue " + file + " entry " + at
                    + " has no function name (expected {\"type\":\"function\",\"function\":{\"name\":...}})");
        }
        ObjectNode definition = JSON.createObjectNode().put("type", "function");
        definition.set("function", ToolTexts.function(tool).deepCopy());
        List<String> tags = new ArrayList<>();
        item.path("tags").forEach(t -> tags.add(t.asText()));
        String extra = wrapped ? item.path("description").asText("") : "";
        texts.add(ToolTexts.text(definition, extra, tags));
        return new Entry(name, definition, embeddings.of(definition, texts.get(texts.size() - 1)),
                examples(item.path("examples")));
    }

    private float[][] examples(JsonNode examples) {
        List<float[]> vectors = new ArrayList<>();
        for (JsonNode e : examples) {
            if (e.isTextual() && !e.asText().isBlank()) {
                vectors.add(embeddings.of(e.asText()));
            }
        }
        return vectors.isEmpty() ? null : new float[][] {ToolSelector.centroid(vectors)};
    }
}
