package dev.switchboard.inference;

import dev.switchboard.inference.encoder.OnnxEncoder;

/** One default encoder for the whole test JVM: loading the model is the slow part of these tests. */
public final class SharedEncoder {

    private static OnnxEncoder encoder;

    private SharedEncoder() {}

    public static synchronized OnnxEncoder get() {
        if (encoder == null) {
            encoder = OnnxEncoder.loadDefault();
        }
        return encoder;
    }
}
