package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.encode.TextEncoder;
import dev.switchboard.core.plugin.cache.verify.PairFeatures;
import dev.switchboard.core.plugin.cache.verify.QuestionView;
import dev.switchboard.inference.ProgressListener;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Computes the cache verifier's features for labelled question pairs with the bundled encoder — the same
 * {@link PairFeatures} code the router runs — so that {@code training/cache/train.py} fits the head on exactly what
 * it will see. Input lines: {@code text_a, text_b, label} (1 = same question, same answer), any other fields (source,
 * split) copied through. Output lines: those fields plus {@code features}; the first line names the features.
 */
final class CacheFeatureExport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CacheFeatureExport() {}

    static int run(Path pairs, Path out, Path viewsCache, TextEncoder encoder, ProgressListener progress)
            throws IOException {
        List<ObjectNode> rows;
        try (var lines = Files.lines(pairs)) {
            rows = lines.filter(l -> !l.isBlank()).map(CacheFeatureExport::parse).toList();
        }
        Map<String, QuestionView> views = viewsCache == null ? new ConcurrentHashMap<>() : ViewsFile.read(viewsCache);
        encodeMissing(rows, views, encoder, progress);
        if (viewsCache != null) {
            ViewsFile.write(viewsCache, views);
        }
        try (BufferedWriter writer = Files.newBufferedWriter(out)) {
            writer.write(JSON.writeValueAsString(Map.of("feature_names", PairFeatures.NAMES,
                    "encoder", encoder.modelId())));
            writer.newLine();
            for (ObjectNode row : rows) {
                // the cached question is text_a, the new request text_b, as the eval command reads pairs
                float[] features = PairFeatures.of(views.get(row.get("text_b").asText()),
                        views.get(row.get("text_a").asText()));
                ObjectNode line = row.deepCopy();
                line.putPOJO("features", features);
                writer.write(JSON.writeValueAsString(line));
                writer.newLine();
            }
        }
        return rows.size();
    }

    /** Every distinct text not yet in {@code views} encoded once, two at a time (a session per core). */
    private static void encodeMissing(List<ObjectNode> rows, Map<String, QuestionView> views, TextEncoder encoder,
                                      ProgressListener progress) {
        List<String> texts = rows.stream().flatMap(r -> java.util.stream.Stream.of(r.get("text_a").asText(),
                r.get("text_b").asText())).distinct().filter(t -> !views.containsKey(t)).toList();
        AtomicInteger done = new AtomicInteger();
        texts.parallelStream().forEach(text -> {
            views.put(text, QuestionView.of(text, encoder.encode(text)));
            progress.onProgress("encoding questions", done.incrementAndGet(), texts.size());
        });
    }

    /** Encoded questions kept between runs, so changing a feature does not mean encoding everything again. */
    static final class ViewsFile {

        private ViewsFile() {}

        static Map<String, QuestionView> read(Path file) throws IOException {
            Map<String, QuestionView> views = new ConcurrentHashMap<>();
            if (!Files.exists(file)) {
                return views;
            }
            try (var in = new java.io.DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
                int count = in.readInt();
                for (int i = 0; i < count; i++) {
                    String text = in.readUTF();
                    float[] embedding = new float[in.readInt()];
                    for (int d = 0; d < embedding.length; d++) {
                        embedding[d] = in.readFloat();
                    }
                    byte[] sketch = new byte[in.readInt()];
                    in.readFully(sketch);
                    views.put(text, new QuestionView(text, embedding, sketch));
                }
            }
            return views;
        }

        static void write(Path file, Map<String, QuestionView> views) throws IOException {
            try (var out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(
                    Files.newOutputStream(file)))) {
                out.writeInt(views.size());
                for (QuestionView view : views.values()) {
                    out.writeUTF(view.text());
                    out.writeInt(view.embedding().length);
                    for (float v : view.embedding()) {
                        out.writeFloat(v);
                    }
                    out.writeInt(view.sketch().length);
                    out.write(view.sketch());
                }
            }
        }
    }

    private static ObjectNode parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            if (!node.hasNonNull("text_a") || !node.hasNonNull("text_b") || !node.hasNonNull("label")) {
                throw new IllegalArgumentException("each line needs text_a, text_b and label (1 = same question)");
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON line: " + line.substring(0, Math.min(80, line.length())));
        }
    }
}
