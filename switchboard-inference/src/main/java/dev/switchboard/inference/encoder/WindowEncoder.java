package dev.switchboard.inference.encoder;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.encode.TextEncoder;
import java.util.List;

/**
 * An encoder that guard heads can run over any part of a long text: {@link OnnxEncoder}, or a wrapper around it
 * (a test counts the passes through one). Heads depend on this, not on the ONNX class.
 */
public interface WindowEncoder extends TextEncoder {

    /**
     * Encodes {@code text} as overlapping windows, each at most {@code windowTokens} long with special tokens,
     * successive windows starting {@code stride} content tokens apart, at most {@code maxWindows} of them (at least
     * one). When windows were left out, the last one returned has {@link Encoding#truncated()} set.
     */
    List<Encoding> encodeWindows(String text, int windowTokens, int stride, int maxWindows);

    /** Character span {@code [start, end)} of every content token of {@code text}, without encoding anything. */
    int[][] tokenSpans(String text);

    /** Number of content tokens (without special tokens) the tokenizer makes of {@code text}. */
    default int countTokens(String text) {
        return tokenSpans(text).length;
    }

    /** The settings the encoder was built with (window length, sessions). */
    EncoderSettings settings();
}
