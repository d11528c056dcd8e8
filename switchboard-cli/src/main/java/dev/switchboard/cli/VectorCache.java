package dev.switchboard.cli;

import dev.switchboard.core.encode.TextEncoder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Embeddings of evaluation texts, remembered on disk (one file per encoder model) so a second run of an evaluation
 * on a shared machine does not encode twenty thousand queries again. The file is a cache: delete it at will.
 */
final class VectorCache {

    private final TextEncoder encoder;
    private final Path file;
    private final Map<String, float[]> vectors = new HashMap<>();
    private int added;

    /** @param dir where the cache file lives, or null for no disk cache */
    VectorCache(TextEncoder encoder, Path dir) {
        this.encoder = encoder;
        this.file = dir == null ? null : dir.resolve(encoder.modelId().replaceAll("[^A-Za-z0-9.-]", "_") + ".vec");
        if (file != null && Files.isRegularFile(file)) {
            load();
        }
    }

    float[] of(String text) {
        float[] v = vectors.get(text);
        if (v == null) {
            v = encoder.encode(text).embedding();
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
