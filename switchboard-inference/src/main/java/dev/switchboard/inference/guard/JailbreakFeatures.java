package dev.switchboard.inference.guard;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.guard.ScanBudget;
import dev.switchboard.inference.encoder.WindowEncoder;
import dev.switchboard.inference.head.LexicalFeatures;
import java.util.ArrayList;
import java.util.List;

/**
 * What the jailbreak head reads: a text as a bag of {@link Instance}s cut from encoder passes that already exist,
 * scored one by one, the highest score winning.
 *
 * <p>From one encoding (a window of the text): one instance for the whole window and one per span of 16 and of 32
 * content tokens, successive spans half a span apart (the last span of each scale ends at the window's end). An
 * instance is the L2-normalized mean of its tokens' states plus the lexical features of the characters they cover.
 * The token
 * states are contextual, but each stays close to its own words, so a span around a short attack keeps looking like
 * the attack when harmless text is appended after it (vLLM Semantic Router issue #3164), at no extra encoder pass.
 *
 * <p>A text longer than the shared pass is covered by further windows of the same length over the rest, each
 * starting {@link #SPAN_TOKENS} tokens before the previous one ends, so every span lies wholly in some window, and
 * its last {@link #TAIL_TOKENS} tokens are encoded once more on their own.
 */
public final class JailbreakFeatures {

    /**
     * Span scales as {content tokens, stride}: half-overlapping spans of 16 and of 32 tokens. The short spans find a
     * one-line attack inside a page of prose; the long ones keep a longer attack together.
     */
    private static final int[][] SCALES = {{16, 8}, {32, 16}};
    /** Content tokens of the longest span; further windows of a long text overlap by this much. */
    public static final int SPAN_TOKENS = 32;
    /** Content tokens of the end of a long text that are also encoded on their own (see {@link #tail}). */
    static final int TAIL_TOKENS = 48;

    /**
     * One scored piece of text.
     *
     * @param embedding L2-normalized mean of the span's token states
     * @param lexIndex  non-zero lexical feature buckets, ascending
     * @param lexValue  their values
     */
    public record Instance(float[] embedding, int[] lexIndex, float[] lexValue) {}

    private JailbreakFeatures() {}

    /**
     * The bag of {@code text}: instances of {@code shared} (its first window, as the pipeline encoded it) and, when
     * {@code shared} is truncated, of further windows that {@code encoder} encodes over the rest of the text.
     */
    public static List<Instance> bag(WindowEncoder encoder, String text, Encoding shared, int buckets) {
        return bag(encoder, text, shared, buckets, ScanBudget.unlimited());
    }

    /**
     * {@link #bag(WindowEncoder, String, Encoding, int)} with the further windows (and {@code shared} itself, when
     * null) limited to and charged on {@code budget}; windows left out are reported as a cut.
     */
    public static List<Instance> bag(WindowEncoder encoder, String text, Encoding shared, int buckets,
                                     ScanBudget budget) {
        List<Instance> bag = new ArrayList<>();
        for (Pass pass : passes(encoder, text, shared, budget)) {
            bag.addAll(instances(pass.text(), pass.encoding(), buckets));
        }
        return bag;
    }

    /**
     * One encoder pass that covers part of a text.
     *
     * @param text     the text the pass encoded (its offsets point into it)
     * @param encoding the pass
     */
    public record Pass(String text, Encoding encoding) {}

    /**
     * The passes that cover {@code text}: {@code shared} (or one charged pass when null) and, when that pass is
     * truncated, further windows over the rest and the rest's last {@link #TAIL_TOKENS} tokens on their own, all
     * limited to and charged on {@code budget}.
     */
    public static List<Pass> passes(WindowEncoder encoder, String text, Encoding shared, ScanBudget budget) {
        Encoding first = shared != null ? shared : pass(encoder, text, budget);
        if (first == null) {
            return List.of();
        }
        List<Pass> passes = new ArrayList<>(List.of(new Pass(text, first)));
        if (!first.truncated()) {
            return passes;
        }
        int[] content = contentTokens(first);
        int specials = first.tokenStates().length - content.length;
        int room = encoder.settings().maxTokens() - specials;
        int stride = Math.max(1, Math.min(room, room - SPAN_TOKENS));
        String rest = text.substring(cutPoint(text, first, content, Math.max(1, content.length - SPAN_TOKENS)));
        if (budget.passesLeft() == 0) {
            budget.cut("no encoder pass left for the rest of a long text");
            return passes;
        }
        Encoding last = null;
        for (Encoding window : encoder.encodeWindows(rest, encoder.settings().maxTokens(), stride,
                budget.passesLeft())) {
            budget.charge(1, window.tokenStates().length);
            passes.add(new Pass(rest, window));
            last = window;
        }
        if (last.truncated()) {
            budget.cut("more windows than max_passes");
        }
        String tail = tail(rest, last);
        Encoding tailPass = pass(encoder, tail, budget);
        if (tailPass != null) {
            passes.add(new Pass(tail, tailPass));
        }
        return passes;
    }

    /** One charged pass over {@code text}, or null (and a cut) when the budget has none left. */
    private static Encoding pass(WindowEncoder encoder, String text, ScanBudget budget) {
        if (budget.passesLeft() == 0) {
            budget.cut("no encoder pass left");
            return null;
        }
        Encoding encoding = encoder.encode(text);
        budget.charge(1, encoding.tokenStates().length);
        return encoding;
    }

    /**
     * The last {@link #TAIL_TOKENS} tokens of {@code text}, cut at a token start. Encoded on their own they read like
     * a short prompt: an instruction appended to a long pasted document (the classic indirect injection) takes on
     * the document's context inside a 256-token window, and scored 0.30 after 1,000 tokens of report prose, 0.47
     * alone.
     */
    private static String tail(String text, Encoding window) {
        int[] content = contentTokens(window);
        if (content.length <= TAIL_TOKENS) {
            return text;
        }
        int start = window.offsets()[content[content.length - TAIL_TOKENS]][0];
        return text.substring(Math.min(start, text.length()));
    }

    /** The instances of one encoded window of {@code text}: the whole window first, then its spans. */
    static List<Instance> instances(String text, Encoding window, int buckets) {
        int[] content = contentTokens(window);
        List<Instance> out = new ArrayList<>();
        out.add(instance(text, window, content, 0, content.length, buckets));
        for (int[] scale : SCALES) {
            int span = scale[0];
            if (content.length > span) {
                for (int start = 0; ; start += scale[1]) {
                    int end = Math.min(start + span, content.length);
                    out.add(instance(text, window, content, Math.max(0, end - span), end, buckets));
                    if (end == content.length) {
                        break;
                    }
                }
            }
        }
        return out;
    }

    private static Instance instance(String text, Encoding window, int[] content, int from, int to, int buckets) {
        float[][] states = window.tokenStates();
        float[] mean = new float[states[0].length];
        if (from == to) {
            // no content tokens (empty text): the special tokens alone
            for (float[] row : states) {
                add(mean, row);
            }
        } else {
            for (int i = from; i < to; i++) {
                add(mean, states[content[i]]);
            }
        }
        normalize(mean);
        String covered = from == to ? "" : text.substring(window.offsets()[content[from]][0],
                Math.min(text.length(), window.offsets()[content[to - 1]][1]));
        return sparse(mean, LexicalFeatures.of(covered, buckets));
    }

    private static Instance sparse(float[] embedding, float[] lexical) {
        int nonZero = 0;
        for (float v : lexical) {
            nonZero += v != 0f ? 1 : 0;
        }
        int[] index = new int[nonZero];
        float[] value = new float[nonZero];
        for (int i = 0, k = 0; i < lexical.length; i++) {
            if (lexical[i] != 0f) {
                index[k] = i;
                value[k++] = lexical[i];
            }
        }
        return new Instance(embedding, index, value);
    }

    /** Row indices of the tokens that cover text (special tokens have empty spans). */
    static int[] contentTokens(Encoding window) {
        int[][] offsets = window.offsets();
        int count = 0;
        for (int[] span : offsets) {
            count += span[1] > span[0] ? 1 : 0;
        }
        int[] rows = new int[count];
        for (int i = 0, k = 0; i < offsets.length; i++) {
            if (offsets[i][1] > offsets[i][0]) {
                rows[k++] = i;
            }
        }
        return rows;
    }

    /**
     * Character offset where the next window starts: at content token {@code target}, moved back (by at most eight
     * tokens) to a token that follows white space, so the rest of the text is not cut inside a word.
     */
    private static int cutPoint(String text, Encoding shared, int[] content, int target) {
        int[][] offsets = shared.offsets();
        for (int i = target; i > 0 && i > target - 8; i--) {
            int start = offsets[content[i]][0];
            if (start > 0 && Character.isWhitespace(text.charAt(start - 1))) {
                return start;
            }
        }
        return offsets[content[target]][0];
    }

    private static void add(float[] sum, float[] row) {
        for (int d = 0; d < sum.length; d++) {
            sum[d] += row[d];
        }
    }

    private static void normalize(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm > 0) {
            float inv = (float) (1 / Math.sqrt(norm));
            for (int d = 0; d < v.length; d++) {
                v[d] *= inv;
            }
        }
    }
}
