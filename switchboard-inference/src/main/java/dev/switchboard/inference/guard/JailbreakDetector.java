package dev.switchboard.inference.guard;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.inference.encoder.OnnxEncoder;
import dev.switchboard.inference.head.HeadCodec;
import dev.switchboard.inference.head.IncompatibleHeadException;
import dev.switchboard.inference.head.SoftmaxHead;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Scores how likely a prompt is a jailbreak or prompt injection: a two-class {@link SoftmaxHead} (labels
 * {@code benign}, {@code jailbreak}) over the shared encoding plus lexical features. Construction refuses a head
 * trained for another encoder. Thread-safe (immutable).
 *
 * <p>{@link #score(String)} reads long texts as overlapping windows and keeps the highest score, so an injection
 * at the end of a long pasted document, or an attack with harmless text appended, is judged on the window that
 * contains it instead of being averaged away (the failure of vLLM Semantic Router issue #3164).
 */
public final class JailbreakDetector {

    /** Classpath location of the shipped head for the default encoder. */
    public static final String DEFAULT_HEAD_RESOURCE = "switchboard/jailbreak/jailbreak-head.bin";
    /** Labels of the head, in logit order. */
    public static final List<String> LABELS = List.of("benign", "jailbreak");
    /** Score at or above which a prompt is flagged; chosen for 1% false positives on validation (docs/accuracy.md). */
    public static final float DEFAULT_THRESHOLD = 0.32f;
    /** Window length in tokens (special tokens included) for {@link #score(String)}. */
    public static final int WINDOW_TOKENS = 128;
    /** Content tokens between window starts; half a window, so every 64-token span lies wholly in some window. */
    public static final int WINDOW_STRIDE = 64;
    /**
     * Short windows, scored as well: a short attack followed by 100 tokens of harmless text fills most of a long
     * window with filler, but a short window around it is mostly attack.
     */
    public static final int SHORT_WINDOW_TOKENS = 48;
    public static final int SHORT_WINDOW_STRIDE = 24;

    private final OnnxEncoder encoder;
    private final SoftmaxHead head;
    private final int jailbreakIndex;

    /** Binds {@code head} to {@code encoder}; throws {@link IncompatibleHeadException} if they do not match. */
    public JailbreakDetector(OnnxEncoder encoder, SoftmaxHead head) {
        head.requireCompatible(encoder.modelId(), encoder.dimension());
        if (!head.labels().containsAll(LABELS) || head.labels().size() != LABELS.size()) {
            throw new IncompatibleHeadException("not a jailbreak head: labels " + head.labels());
        }
        this.encoder = encoder;
        this.head = head;
        this.jailbreakIndex = head.labels().indexOf("jailbreak");
    }

    /** The shipped head; {@code encoder} must be the bundled default encoder. */
    public static JailbreakDetector loadDefault(OnnxEncoder encoder) {
        ClassLoader loader = JailbreakDetector.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(DEFAULT_HEAD_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + DEFAULT_HEAD_RESOURCE);
            }
            return new JailbreakDetector(encoder, HeadCodec.read(in, "classpath:" + DEFAULT_HEAD_RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A head from a file written by {@link HeadCodec}. */
    public static JailbreakDetector load(OnnxEncoder encoder, Path headFile) {
        return new JailbreakDetector(encoder, HeadCodec.read(headFile));
    }

    /**
     * Probability that {@code text} is a jailbreak, from one encoding of it (one window) made by this detector's
     * encoder. The text is needed too because the head also reads its lexical features.
     */
    public float score(String text, Encoding encoding) {
        return head.probabilities(head.features(encoding.embedding(), text))[jailbreakIndex];
    }

    /**
     * Highest window score over the whole text, at two window lengths; costs one encoder pass per window. Texts
     * that fit one short window are encoded once.
     */
    public float score(String text) {
        float max = maxScore(text, SHORT_WINDOW_TOKENS, SHORT_WINDOW_STRIDE);
        if (encoder.countTokens(text) > SHORT_WINDOW_TOKENS - 2) {
            max = Math.max(max, maxScore(text, WINDOW_TOKENS, WINDOW_STRIDE));
        }
        return max;
    }

    private float maxScore(String text, int windowTokens, int stride) {
        float max = 0f;
        for (Encoding window : encoder.encodeWindows(text, windowTokens, stride)) {
            max = Math.max(max, score(windowText(text, window), window));
        }
        return max;
    }

    /** Whether {@link #score(String)} reaches {@link #DEFAULT_THRESHOLD}. */
    public boolean isJailbreak(String text) {
        return score(text) >= DEFAULT_THRESHOLD;
    }

    /** The characters a window covers, from the offsets of its content tokens (special tokens have empty spans). */
    static String windowText(String text, Encoding window) {
        int from = Integer.MAX_VALUE;
        int to = -1;
        for (int[] span : window.offsets()) {
            if (span[1] > span[0]) {
                from = Math.min(from, span[0]);
                to = Math.max(to, span[1]);
            }
        }
        return to < 0 ? "" : text.substring(from, Math.min(to, text.length()));
    }

    public SoftmaxHead head() {
        return head;
    }

    public OnnxEncoder encoder() {
        return encoder;
    }
}
