package dev.switchboard.inference.ner;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.guard.pii.PiiSpan;
import dev.switchboard.core.guard.pii.PiiType;
import dev.switchboard.inference.encoder.OnnxEncoder;
import dev.switchboard.inference.head.HeadCodec;
import dev.switchboard.inference.head.IncompatibleHeadException;
import dev.switchboard.inference.head.SoftmaxHead;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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
     * A token counts as part of an entity when the head gives "outside" less than this; below 0.5 would be
     * argmax, above trades precision for recall, which F2 (and a privacy guard) values more.
     */
    public static final float ENTITY_PROBABILITY = 0.35f;

    private final OnnxEncoder encoder;
    private final SoftmaxHead head;

    /** Binds {@code head} to {@code encoder}; throws {@link IncompatibleHeadException} if they do not match. */
    public EntityTagger(OnnxEncoder encoder, SoftmaxHead head) {
        head.requireCompatible(encoder.modelId(), encoder.dimension());
        if (!head.labels().equals(EntityLabels.ALL) || head.lexicalBuckets() != TokenFeatures.WIDTH) {
            throw new IncompatibleHeadException("not an entity head: labels " + head.labels());
        }
        this.encoder = encoder;
        this.head = head;
    }

    /** The shipped head; {@code encoder} must be the bundled default encoder. */
    public static EntityTagger loadDefault(OnnxEncoder encoder) {
        ClassLoader loader = EntityTagger.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(DEFAULT_HEAD_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + DEFAULT_HEAD_RESOURCE);
            }
            return new EntityTagger(encoder, HeadCodec.read(in, "classpath:" + DEFAULT_HEAD_RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A head from a file written by {@link HeadCodec}. */
    public static EntityTagger load(OnnxEncoder encoder, Path headFile) {
        return new EntityTagger(encoder, HeadCodec.read(headFile));
    }

    /** Entities in the whole text: one encoder pass when it fits the encoder's window, overlapping windows if not. */
    public List<PiiSpan> find(String text) {
        Encoding first = encoder.encode(text);
        if (!first.truncated()) {
            return find(text, first);
        }
        int room = encoder.settings().maxTokens() - 2;
        List<PiiSpan> spans = new ArrayList<>();
        for (Encoding window : encoder.encodeWindows(text, encoder.settings().maxTokens(), Math.max(1, room / 2))) {
            spans.addAll(find(text, window));
        }
        return longestFirst(spans);
    }

    /**
     * Entities in the part of {@code text} that {@code encoding} (made by this tagger's encoder) covers. Decoded
     * per word, not per token: a word's type comes from the mean of its tokens' probabilities, and whether it
     * starts a new entity from its first token, so an entity always covers whole words.
     */
    public List<PiiSpan> find(String text, Encoding encoding) {
        float[][] probabilities = tokenProbabilities(text, encoding);
        List<PiiSpan> spans = new ArrayList<>();
        PiiType open = null;
        int start = 0;
        int end = 0;
        double confidence = 0;
        int words = 0;
        for (Word word : Word.split(text, encoding.offsets())) {
            float[] p = word.meanOf(probabilities);
            PiiType type = type(p);
            boolean begins = type != null && probabilities[word.firstToken()][EntityLabels.begin(type)]
                    >= probabilities[word.firstToken()][EntityLabels.inside(type)];
            if (open != null && (type != open || begins)) {
                add(spans, text, open, start, end, confidence / words);
                open = null;
            }
            if (type == null) {
                continue;
            }
            if (open == null) {
                open = type;
                start = word.start();
                confidence = 0;
                words = 0;
            }
            end = word.end();
            confidence += 1 - p[0];
            words++;
        }
        if (open != null) {
            add(spans, text, open, start, end, confidence / words);
        }
        return spans;
    }

    /** Label probabilities of every token of {@code encoding}, in {@link EntityLabels#ALL} order. */
    public float[][] tokenProbabilities(String text, Encoding encoding) {
        float[][] lexical = TokenFeatures.of(text, encoding.offsets());
        float[][] out = new float[lexical.length][];
        for (int i = 0; i < lexical.length; i++) {
            out[i] = head.probabilities(features(encoding.tokenStates()[i], lexical[i]));
        }
        return out;
    }

    /** The head's input for one token: its contextual state, then its surface features. */
    static float[] features(float[] state, float[] lexical) {
        float[] x = java.util.Arrays.copyOf(state, state.length + lexical.length);
        System.arraycopy(lexical, 0, x, state.length, lexical.length);
        return x;
    }

    /** The word's type, or null when "outside" is likely enough. */
    private static PiiType type(float[] p) {
        if (p[0] >= 1 - ENTITY_PROBABILITY) {
            return null;
        }
        PiiType best = null;
        float bestScore = -1;
        for (PiiType type : EntityLabels.TYPES) {
            float score = p[EntityLabels.begin(type)] + p[EntityLabels.inside(type)];
            if (score > bestScore) {
                best = type;
                bestScore = score;
            }
        }
        return best;
    }

    /** Adds the span without a possessive "'s" on a name. */
    private static void add(List<PiiSpan> spans, String text, PiiType type, int start, int end, double confidence) {
        if (type != PiiType.ADDRESS && end - start > 2 && (text.startsWith("'s", end - 2)
                || text.startsWith("\u2019s", end - 2))) {
            end -= 2;
        }
        spans.add(PiiSpan.of(type, text, start, end, Math.min(1.0, Math.max(0.0, confidence))));
    }

    /** Drops spans overlapping a longer one (windows of a long text see the same entity twice). */
    private static List<PiiSpan> longestFirst(List<PiiSpan> spans) {
        List<PiiSpan> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingInt(PiiSpan::length).reversed().thenComparingInt(PiiSpan::start));
        List<PiiSpan> kept = new ArrayList<>();
        for (PiiSpan span : sorted) {
            if (kept.stream().noneMatch(span::overlaps)) {
                kept.add(span);
            }
        }
        kept.sort(Comparator.comparingInt(PiiSpan::start));
        return kept;
    }

    public SoftmaxHead head() {
        return head;
    }

    public OnnxEncoder encoder() {
        return encoder;
    }
}
