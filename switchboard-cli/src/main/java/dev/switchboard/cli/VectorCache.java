package dev.switchboard.cli;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.encode.TextEncoder;
import dev.switchboard.core.tools.TokenMean;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Embeddings of evaluation texts — each text's sentence embedding and its token mean ({@link TokenMean}), from one
 * encoder pass — remembered on disk (one file per encoder model) so a second run of an evaluation on a shared machine
 * does not encode twenty thousand queries again. The file is a cache: delete it at will.
 */
final class VectorCache {

    private final TextEncoder encoder;
    private final Path file;
    /** Per text: the sentence embedding followed by the token mean, one array. */
    private final Map<String, float[]> vectors = new HashMap<>();
    private int added;

    /** @param dir where the cache file lives, or null for no disk cache */
    VectorCache(TextEncoder encoder, Path dir) {
        this.encoder = encoder;
        this.file = dir == null ? null : dir.resolve(encoder.modelId().replaceAll("[^A-Za-z0-9.-]", "_") + ".pooled.vec");
        if (file != null && Files.isRegularFile(file)) {
            load();
        }
    }

    /** The sentence embedding of {@code text}. */
    float[] of(String text) {
        float[] both = both(text);
        return Arrays.copyOfRange(both, 0, both.length / 2);
    }

    /** The token mean of {@code text} ({@link TokenMean}). */
    float[] tokens(String text) {
        float[] both = both(text);
        return Arrays.copyOfRange(both, both.length / 2, both.length);
    }

    private float[] both(String text) {
        float[] v = vectors.get(text);
        if (v == null) {
            Encoding encoding = encoder.encode(text);
            float[] embedding = encoding.embedding();
            v = Arrays.copyOf(embedding, 2 * embedding.length);
            System.arraycopy(TokenMean.of(encoding), 0, v, embedding.length, embedding.length);
            vectors.put(text, v);
            added++;
        }
        return v;
    }

    int size() {
        return vectors.size();
    }

    /** Writes the cache file when texts were encoded since it was read. */
    void save() {
        if (file == null || added == 0) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                for (Map.Entry<String, float[]> e : vectors.entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeInt(e.getValue().length);
                    for (float x : e.getValue()) {
                        out.writeFloat(x);
                    }
                }
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private void load() {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            while (true) {
                String text;
                try {
                    text = in.readUTF();
                } catch (EOFException end) {
                    return;
                }
                float[] v = new float[in.readInt()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = in.readFloat();
                }
                vectors.put(text, v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " (delete it to rebuild)", e);
        }
    }
}
