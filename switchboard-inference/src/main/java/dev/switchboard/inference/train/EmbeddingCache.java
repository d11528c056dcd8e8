package dev.switchboard.inference.train;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.inference.ProgressListener;
import dev.switchboard.inference.encoder.OnnxEncoder;
import dev.switchboard.inference.encoder.Pooling;
import dev.switchboard.inference.encoder.Vectors;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Embeds texts with both poolings from one forward pass, optionally remembering them on disk so that repeated
 * experiments (pooling, head type, hyper-parameters) do not pay for the encoder again. The cache is keyed by model
 * id, max tokens and a 64-bit hash of the text; it is a speed-up only and may be deleted at any time.
 */
public final class EmbeddingCache {

    private final Path directory;

    /** @param directory where to keep cache files, or null to keep nothing */
    public EmbeddingCache(Path directory) {
        this.directory = directory;
    }

    /** Embeds {@code texts} in order; the result maps each pooling to {@code [texts][dim]}. */
    public Map<Pooling, float[][]> embed(OnnxEncoder encoder, List<String> texts, ProgressListener progress) {
        Map<Long, float[][]> known = load(encoder);
        List<String> missing = texts.stream().filter(t -> !known.containsKey(hash(t))).distinct().toList();
        Map<Long, float[][]> fresh = compute(encoder, missing, progress);
        append(encoder, fresh);
        known.putAll(fresh);
        Map<Pooling, float[][]> result = new HashMap<>();
        for (Pooling pooling : Pooling.values()) {
            result.put(pooling, texts.stream().map(t -> known.get(hash(t))[pooling.ordinal()]).toArray(float[][]::new));
        }
        return result;
    }

    private Map<Long, float[][]> compute(OnnxEncoder encoder, List<String> texts, ProgressListener progress) {
        Map<Long, float[][]> out = new ConcurrentHashMap<>();
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(encoder.settings().poolSize());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (String text : texts) {
                futures.add(pool.submit(() -> {
                    out.put(hash(text), bothPoolings(encoder.encode(text)));
                    progress.onProgress("embed " + encoder.modelId(), done.incrementAndGet(), texts.size());
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Embedding failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    private static float[][] bothPoolings(Encoding encoding) {
        float[][] byPooling = new float[Pooling.values().length][];
        for (Pooling pooling : Pooling.values()) {
            byPooling[pooling.ordinal()] = Vectors.pool(encoding.tokenStates(), pooling);
        }
        return byPooling;
    }

    /** FNV-1a over the UTF-8 bytes; collisions among a few ten-thousand texts are vanishingly unlikely. */
    static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    private Path file(OnnxEncoder encoder) {
        String name = encoder.modelId().replaceAll("[^A-Za-z0-9.+-]", "_");
        return directory.resolve(name + "-" + encoder.settings().maxTokens() + ".emb");
    }

    private Map<Long, float[][]> load(OnnxEncoder encoder) {
        Map<Long, float[][]> known = new HashMap<>();
        if (directory == null || !Files.exists(file(encoder))) {
            return known;
        }
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file(encoder)))) {
            while (true) {
                long key = in.readLong();
                known.put(key, new float[][] {readVector(in, encoder.dimension()), readVector(in, encoder.dimension())});
            }
        } catch (EOFException end) {
            return known;
        } catch (IOException e) {
            throw new UncheckedIOException("Corrupt embedding cache " + file(encoder) + "; delete it", e);
        }
    }

    private static float[] readVector(DataInputStream in, int dim) throws IOException {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = in.readFloat();
        }
        return v;
    }

    private void append(OnnxEncoder encoder, Map<Long, float[][]> fresh) {
        if (directory == null || fresh.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(directory);
            try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(
                    file(encoder), StandardOpenOption.CREATE, StandardOpenOption.APPEND)))) {
                for (Map.Entry<Long, float[][]> entry : fresh.entrySet()) {
                    out.writeLong(entry.getKey());
                    for (float[] v : entry.getValue()) {
                        for (float x : v) {
                            out.writeFloat(x);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write embedding cache " + file(encoder), e);
        }
    }
}
