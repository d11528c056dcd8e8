package dev.switchboard.inference.ner;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.guard.pii.OverlapResolver;
import dev.switchboard.core.guard.pii.PiiSpan;
import dev.switchboard.core.guard.pii.PiiType;
import dev.switchboard.core.guard.ScanBudget;
import dev.switchboard.inference.encoder.TextExcerpt;
import dev.switchboard.inference.encoder.WindowEncoder;
import dev.switchboard.inference.head.HeadCodec;
import dev.switchboard.inference.head.IncompatibleHeadException;
import dev.switchboard.inference.head.SoftmaxHead;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds names of people, places, organisations and postal addresses: a per-token {@link SoftmaxHead} over the
 * encoder's token states (the same pass the other signals read) plus {@link TokenFeatures}, decoded from BIO labels
 * into character spans that always cover whole words. Thread-safe (immutable).
 */
public final class EntityTagger {

    /** Classpath location of the shipped head for the default encoder. */
    public static final String DEFAULT_HEAD_RESOURCE = "switchboard/pii/entity-head.bin";
    /**
     * A word counts as part of an entity when the head gives "outside" less than 1 minus this; 0.5 would be
     * argmax, lower trades precision for recall, which F2 (and a privacy guard) values more. Chosen on validation
     * by {@code train pii} (docs/accuracy.md); it belongs to the shipped head.
     */
    public static final float ENTITY_PROBABILITY = 0.20f;

    private static final float[] OUTSIDE = outside();

    private final WindowEncoder encoder;
    private final SoftmaxHead head;
    private final TokenHead forward;
    private final float entityProbability;

    /** Binds {@code head} to {@code encoder}; throws {@link IncompatibleHeadException} if they do not match. */
    public EntityTagger(WindowEncoder encoder, SoftmaxHead head) {
        this(encoder, head, ENTITY_PROBABILITY);
    }

    /** As above, with another {@link #ENTITY_PROBABILITY} (training chooses it on validation). */
    public EntityTagger(WindowEncoder encoder, SoftmaxHead head, float entityProbability) {
        head.requireCompatible(encoder.modelId(), encoder.dimension());
        if (!head.labels().equals(EntityLabels.ALL) || head.lexicalBuckets() != extraWidth(head.dimension())) {
            throw new IncompatibleHeadException("not an entity head: labels " + head.labels());
        }
        this.encoder = encoder;
        this.head = head;
        this.forward = new TokenHead(head);
        this.entityProbability = entityProbability;
    }

    /** The shipped head; {@code encoder} must be the bundled default encoder. */
    public static EntityTagger loadDefault(WindowEncoder encoder) {
        return new EntityTagger(encoder, HeadCodec.readResource(DEFAULT_HEAD_RESOURCE));
    }

    /** A head from a file written by {@link HeadCodec}. */
    public static EntityTagger load(WindowEncoder encoder, Path headFile) {
        return new EntityTagger(encoder, HeadCodec.read(headFile));
    }

    /** Entities in the whole text: one encoder pass when it fits the encoder's window, overlapping windows if not. */
    public List<PiiSpan> find(String text) {
        return find(text, ScanBudget.unlimited());
    }

    /**
     * Entities in the part of {@code text} that {@code budget} lets this tagger read: all of it, or its head and tail
     * when it is longer than {@code budget.textTokens()} ({@link TextExcerpt}), in overlapping windows of at most
     * the budget's remaining passes, each charged. Whatever is left out is reported to {@code budget} as a cut.
     */
    public List<PiiSpan> find(String text, ScanBudget budget) {
        TextExcerpt excerpt = TextExcerpt.of(encoder, text, Math.max(2, budget.textTokens()));
        if (excerpt.cut()) {
            budget.cut("a text longer than max_text_tokens, read as head and tail");
        }
        int room = encoder.settings().maxTokens() - 2;
        List<PiiSpan> spans = new ArrayList<>();
        int windowsRead = 0;
        for (TextExcerpt.Part part : excerpt.parts()) {
            if (budget.passesLeft() == 0) {
                budget.cut("no encoder pass left");
                break;
            }
            List<Encoding> windows = encoder.encodeWindows(part.text(), encoder.settings().maxTokens(),
                    Math.max(1, room / 2), budget.passesLeft());
            windowsRead += windows.size();
            for (Encoding window : windows) {
                budget.charge(1, window.tokenStates().length);
                find(part.text(), window).forEach(s -> spans.add(PiiSpan.of(s.type(), text,
                        s.start() + part.offset(), s.end() + part.offset(), s.confidence())));
            }
            if (windows.get(windows.size() - 1).truncated()) {
                budget.cut("more windows than max_passes");
            }
        }
        return windowsRead < 2 ? spans : OverlapResolver.resolve(spans); // overlapping windows see an entity twice
    }

    /**
     * Entities in the part of {@code text} that {@code encoding} (made by this tagger's encoder) covers. Decoded
     * per word, in two steps: first where entities are (a word is inside one when "outside" is unlikely enough, and
     * starts a new one when its first token says B more than I), then what each entity is, from the type
     * probabilities summed over all its words — so "Kuhn, Kessler and Donnelly" gets one type, not three.
     */
    public List<PiiSpan> find(String text, Encoding encoding) {
        List<Word> words = Word.split(text, encoding.offsets());
        float[][] probabilities = tokenProbabilities(text, encoding, words);
        List<PiiSpan> spans = new ArrayList<>();
        Segment open = null;
        for (Word word : words) {
            float[] p = word.meanOf(probabilities);
            boolean inside = p[0] < 1 - entityProbability;
            if (open != null && (!inside || begins(probabilities[word.firstToken()]))) {
                open.addTo(spans, text);
                open = null;
            }
            if (inside) {
                if (open == null) {
                    open = new Segment(word.start());
                }
                open.add(word, p);
            }
        }
        if (open != null) {
            open.addTo(spans, text);
        }
        return spans;
    }

    private static float[] outside() {
        float[] p = new float[EntityLabels.ALL.size()];
        p[0] = 1f;
        return p;
    }

    /** Whether a word's first token opens an entity rather than continuing one, whatever its type. */
    private static boolean begins(float[] p) {
        float begin = 0;
        float inside = 0;
        for (PiiType type : EntityLabels.TYPES) {
            begin += p[EntityLabels.begin(type)];
            inside += p[EntityLabels.inside(type)];
        }
        return begin > inside;
    }

    /** Consecutive entity words being collected into one span. */
    private static final class Segment {
        private final int start;
        private final float[] typeScores = new float[EntityLabels.TYPES.size()];
        private int end;
        private double confidence;
        private int words;

        Segment(int start) {
            this.start = start;
        }

        void add(Word word, float[] p) {
            end = word.end();
            for (int t = 0; t < typeScores.length; t++) {
                PiiType type = EntityLabels.TYPES.get(t);
                typeScores[t] += p[EntityLabels.begin(type)] + p[EntityLabels.inside(type)];
            }
            confidence += 1 - p[0];
            words++;
        }

        void addTo(List<PiiSpan> spans, String text) {
            int best = 0;
            for (int t = 1; t < typeScores.length; t++) {
                best = typeScores[t] > typeScores[best] ? t : best;
            }
            EntityTagger.add(spans, text, EntityLabels.TYPES.get(best), start, end, confidence / words);
        }
    }

    /**
     * Label probabilities per token, in {@link EntityLabels#ALL} order. Only the tokens inside {@code words} are run
     * through the head (the decoder never reads the others); punctuation and special tokens read as "outside".
     */
    private float[][] tokenProbabilities(String text, Encoding encoding, List<Word> words) {
        float[][] lexical = TokenFeatures.of(text, encoding.offsets());
        float[][] out = new float[lexical.length][];
        java.util.Arrays.fill(out, OUTSIDE);
        for (Word word : words) {
            for (int i = word.firstToken(); i <= word.lastToken(); i++) {
                out[i] = forward.probabilities(features(encoding.tokenStates(), lexical, i));
            }
        }
        return out;
    }

    /**
     * The head's input for token {@code i}: its contextual state and surface features, then those of the tokens
     * before and after it (zeros at the edges) — a name's neighbours tell where it starts and ends.
     */
    static float[] features(float[][] states, float[][] lexical, int i) {
        int dim = states[i].length;
        int width = dim + TokenFeatures.WIDTH;
        float[] x = new float[3 * width];
        int[] order = {i, i - 1, i + 1}; // the token itself first: the head's "embedding" part is its own state
        for (int k = 0; k < order.length; k++) {
            int t = order[k];
            if (t >= 0 && t < states.length) {
                System.arraycopy(states[t], 0, x, k * width, dim);
                System.arraycopy(lexical[t], 0, x, k * width + dim, TokenFeatures.WIDTH);
            }
        }
        return x;
    }

    /** Width of the head's input beyond the token's own state (see {@link #features}). */
    static int extraWidth(int dimension) {
        return TokenFeatures.WIDTH + 2 * (dimension + TokenFeatures.WIDTH);
    }

    private static void add(List<PiiSpan> spans, String text, PiiType type, int start, int end, double confidence) {
        spans.add(PiiSpan.of(type, text, start, end, Math.min(1.0, Math.max(0.0, confidence))));
    }

    public SoftmaxHead head() {
        return head;
    }

    public WindowEncoder encoder() {
        return encoder;
    }
}
