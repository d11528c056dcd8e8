package dev.switchboard.inference.guard;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.guard.ScanBudget;
import dev.switchboard.inference.encoder.TextExcerpt;
import dev.switchboard.inference.encoder.WindowEncoder;
import dev.switchboard.inference.head.HeadCodec;
import dev.switchboard.inference.head.IncompatibleHeadException;
import dev.switchboard.inference.head.SoftmaxHead;
import java.nio.file.Path;
import java.util.List;

/**
 * Scores how likely a prompt is a jailbreak or prompt injection, from two readers of the same encoder pass; a text's
 * score is the higher of the two, over every pass that covers it:
 *
 * <ul>
 *   <li>the <b>jailbreak branch</b>: an MLP over the pass's pooled token states ([CLS, mean, max]), trained on user
 *       prompts and attacks in training/jailbreak and grafted onto the shared encoder graph
 *       ({@link dev.switchboard.inference.encoder.GraftedBranch}); read from each pass's {@link #BRANCH_OUTPUT}.
 *       It sees the whole window, which makes it the sharper reader of standalone attacks;</li>
 *   <li>the <b>span head</b>: a two-class {@link SoftmaxHead} (labels {@code benign}, {@code jailbreak}) over
 *       {@link JailbreakFeatures}, i.e. mean-pooled token states of the whole window and of 16- and 32-token spans
 *       plus lexical features, the highest instance winning. A span around an attack stays an attack when a page
 *       of harmless prose surrounds it, where a pooled window does not (vLLM Semantic Router issue #3164).</li>
 * </ul>
 *
 * <p>The head's default threshold is its own 1 % point; the branch's output is calibrated at export so that
 * {@link #DEFAULT_THRESHOLD} is the point where the two together flag at most 1 % of validation prompts
 * (docs/accuracy.md). A pass without the branch output (no branch shipped) is scored by the head alone.
 * Construction refuses a head trained for another encoder. Thread-safe (immutable).
 *
 * <p>{@link #score(String, Encoding)} reads the pipeline's shared encoder pass and adds no pass of its own unless
 * the text is longer than that pass; then the rest is covered by further windows, so an injection at the end of a
 * long pasted document is still judged on the span that holds it. The spans are what keeps an attack with harmless
 * text appended from being averaged away (the failure of vLLM Semantic Router issue #3164).
 */
public final class JailbreakDetector {

    /** Classpath location of the shipped head for the default encoder. */
    public static final String DEFAULT_HEAD_RESOURCE = "switchboard/jailbreak/jailbreak-head.bin";
    /** Labels of the head, in logit order. */
    public static final List<String> LABELS = List.of("benign", "jailbreak");
    /** Output of the encoder graph that holds the fine-tuned branch's jailbreak probability. */
    public static final String BRANCH_OUTPUT = "jailbreak_probability";
    /** Score at or above which a prompt is flagged; chosen for 1% false positives on validation (docs/accuracy.md). */
    public static final float DEFAULT_THRESHOLD = 0.87f;

    private final WindowEncoder encoder;
    private final SoftmaxHead head;
    private final int jailbreakIndex;
    /** For a linear head: jailbreak logit minus benign logit as one weight vector and bias; null for an MLP. */
    private final float[] margin;
    private final float marginBias;

    /** Binds {@code head} to {@code encoder}; throws {@link IncompatibleHeadException} if they do not match. */
    public JailbreakDetector(WindowEncoder encoder, SoftmaxHead head) {
        head.requireCompatible(encoder.modelId(), encoder.dimension());
        if (!head.labels().containsAll(LABELS) || head.labels().size() != LABELS.size()) {
            throw new IncompatibleHeadException("not a jailbreak head: labels " + head.labels());
        }
        this.encoder = encoder;
        this.head = head;
        this.jailbreakIndex = head.labels().indexOf("jailbreak");
        if (head.isMlp()) {
            margin = null;
            marginBias = 0f;
        } else {
            float[] attack = head.outWeights()[jailbreakIndex];
            float[] benign = head.outWeights()[1 - jailbreakIndex];
            margin = new float[attack.length];
            for (int i = 0; i < margin.length; i++) {
                margin[i] = attack[i] - benign[i];
            }
            marginBias = head.outBias()[jailbreakIndex] - head.outBias()[1 - jailbreakIndex];
        }
    }

    /** The shipped head; {@code encoder} must be the bundled default encoder. */
    public static JailbreakDetector loadDefault(WindowEncoder encoder) {
        return new JailbreakDetector(encoder, HeadCodec.readResource(DEFAULT_HEAD_RESOURCE));
    }

    /** A head from a file written by {@link HeadCodec}. */
    public static JailbreakDetector load(WindowEncoder encoder, Path headFile) {
        return new JailbreakDetector(encoder, HeadCodec.read(headFile));
    }

    /**
     * Probability that {@code text} is a jailbreak, from {@code shared}: this detector's encoder's
     * {@link WindowEncoder#encode} of {@code text} (the pipeline's one pass). No further encoder pass runs unless
     * {@code shared} is truncated.
     */
    public float score(String text, Encoding shared) {
        return scorePasses(JailbreakFeatures.passes(encoder, text, shared, ScanBudget.unlimited()));
    }

    /**
     * {@link #score(String, Encoding)} under a request's ML budget: a text longer than {@code budget.textTokens()} is
     * scored on its head and tail ({@link TextExcerpt}), and every pass beyond {@code shared} is limited to and
     * charged on {@code budget}; whatever is left out is reported to it as a cut.
     *
     * @param shared the pipeline's pass over the start of {@code text}, or null to encode it here (charged)
     */
    public float score(String text, Encoding shared, ScanBudget budget) {
        TextExcerpt excerpt = TextExcerpt.of(encoder, text, Math.max(2, budget.textTokens()));
        if (excerpt.cut()) {
            budget.cut("a text longer than max_text_tokens, read as head and tail");
        }
        float max = 0f;
        for (TextExcerpt.Part part : excerpt.parts()) {
            Encoding first = part.offset() == 0 && shared != null && covers(shared, part.text()) ? shared : null;
            max = Math.max(max, scorePasses(JailbreakFeatures.passes(encoder, part.text(), first, budget)));
        }
        return max;
    }

    /** Whether every token of {@code encoding} (a pass over a longer text) lies inside {@code prefix}. */
    private static boolean covers(Encoding encoding, String prefix) {
        for (int[] span : encoding.offsets()) {
            if (span[1] > prefix.length()) {
                return false;
            }
        }
        return true;
    }

    /** {@link #score(String, Encoding)} with an encoder pass of its own. */
    public float score(String text) {
        return score(text, encoder.encode(text));
    }

    /** Highest probability of {@code jailbreak} over the passes: the branch's output and the head's instances. */
    private float scorePasses(List<JailbreakFeatures.Pass> passes) {
        float max = 0f;
        for (JailbreakFeatures.Pass pass : passes) {
            float[] branch = pass.encoding().outputs().get(BRANCH_OUTPUT);
            max = Math.max(max, branch != null ? branch[0] : 0f);
            max = Math.max(max, score(JailbreakFeatures.instances(pass.text(), pass.encoding(), head.lexicalBuckets())));
        }
        return max;
    }

    /** Highest probability of {@code jailbreak} over the instances of a bag (the span head alone). */
    float score(List<JailbreakFeatures.Instance> bag) {
        float max = 0f;
        for (JailbreakFeatures.Instance instance : bag) {
            max = Math.max(max, probability(instance));
        }
        return max;
    }

    private float probability(JailbreakFeatures.Instance instance) {
        if (margin == null) {
            float[] x = new float[head.inputWidth()];
            System.arraycopy(instance.embedding(), 0, x, 0, instance.embedding().length);
            for (int k = 0; k < instance.lexIndex().length; k++) {
                x[head.dimension() + instance.lexIndex()[k]] = instance.lexValue()[k];
            }
            return head.probabilities(x)[jailbreakIndex];
        }
        float z = marginBias;
        float[] e = instance.embedding();
        for (int d = 0; d < e.length; d++) {
            z += margin[d] * e[d];
        }
        int offset = head.dimension();
        for (int k = 0; k < instance.lexIndex().length; k++) {
            z += margin[offset + instance.lexIndex()[k]] * instance.lexValue()[k];
        }
        return (float) (1 / (1 + Math.exp(-z)));
    }

    /** Whether {@link #score(String)} reaches {@link #DEFAULT_THRESHOLD}. */
    public boolean isJailbreak(String text) {
        return score(text) >= DEFAULT_THRESHOLD;
    }

    public SoftmaxHead head() {
        return head;
    }

    public WindowEncoder encoder() {
        return encoder;
    }
}
