package dev.switchboard.server;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.encode.TextEncoder;

/**
 * A stand-in encoder for server tests that need the cache wired but not the model: a normalized letter histogram.
 * Real enough that equal texts embed equally; the real encoder is tested where it runs (switchboard-cli).
 */
final class TinyEncoder implements TextEncoder {

    static final int DIMENSION = 26;

    @Override
    public Encoding encode(String text) {
        float[] v = new float[DIMENSION];
        text.toLowerCase(java.util.Locale.ROOT).chars().filter(c -> c >= 'a' && c <= 'z').forEach(c -> v[c - 'a']++);
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        for (int i = 0; i < DIMENSION; i++) {
            v[i] = norm == 0 ? 0 : (float) (v[i] / Math.sqrt(norm));
        }
        return new Encoding(v, new float[0][], new int[0][], false);
    }

    @Override
    public String modelId() {
        return "tiny-letters";
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }
}
