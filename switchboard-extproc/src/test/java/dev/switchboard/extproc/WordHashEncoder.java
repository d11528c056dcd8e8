package dev.switchboard.extproc;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.encode.TextEncoder;
import java.util.Locale;

/**
 * Stands in for the ONNX encoder, which this module does not depend on: a unit vector of hashed words, so equal
 * texts embed equally (the semantic cache's key) and unrelated ones far apart. The adapters are under test here,
 * not the model; switchboard-cli tests the router with the real encoder.
 */
final class WordHashEncoder implements TextEncoder {

    static final int DIMENSION = 64;

    @Override
    public Encoding encode(String text) {
        float[] vector = new float[DIMENSION];
        for (String word : text.toLowerCase(Locale.ROOT).split("\\W+")) {
            if (!word.isEmpty()) {
                vector[Math.floorMod(word.hashCode(), DIMENSION)] += 1;
            }
        }
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        for (int i = 0; i < DIMENSION; i++) {
            vector[i] = norm == 0 ? 0 : (float) (vector[i] / Math.sqrt(norm));
        }
        return new Encoding(vector, new float[0][], new int[0][], false);
    }

    @Override
    public String modelId() {
        return "word-hash-test";
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }
}
