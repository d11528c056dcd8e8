package dev.switchboard.inference.ner;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.guard.pii.PiiSpan;
import dev.switchboard.inference.ProgressListener;
import dev.switchboard.inference.encoder.WindowEncoder;
import dev.switchboard.inference.head.SoftmaxHead;
import dev.switchboard.inference.train.SoftmaxTrainer;
import dev.switchboard.inference.train.TrainOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Trains the entity head: one encoder pass per example, one training row per token (its state and surface
 * features, labelled B/I/O from the gold spans), then {@link SoftmaxTrainer}.
 */
public final class EntityTrainer {

    private final WindowEncoder encoder;
    private final TrainOptions options;

    public EntityTrainer(WindowEncoder encoder, TrainOptions options) {
        this.encoder = encoder;
        this.options = options.withLexicalBuckets(EntityTagger.extraWidth(encoder.dimension()));
    }

    public SoftmaxHead train(List<EntityExample> examples, ProgressListener progress) {
        List<Encoding> encodings = encodeAll(encoder, examples, progress);
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int e = 0; e < examples.size(); e++) {
            EntityExample example = examples.get(e);
            Encoding encoding = encodings.get(e);
            float[][] lexical = TokenFeatures.of(example.text(), encoding.offsets());
            int[] y = labels(example, encoding.offsets());
            for (int t = 0; t < y.length; t++) {
                if (trained(example, encoding.offsets(), lexical, y, t)) {
                    rows.add(EntityTagger.features(encoding.tokenStates(), lexical, t));
                    labels.add(y[t]);
                }
            }
        }
        float[][] x = rows.toArray(float[][]::new);
        int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
        return new SoftmaxTrainer(options).train(x, y, EntityLabels.ALL, encoder.modelId(), progress);
    }

    /**
     * Whether token {@code t} becomes a training row: not a special token, not inside a span the corpus marked with
     * a type we have no label for, and not a capitalised word of everyday text that may be a name nobody marked (or
     * a brand, which Presidio counts as an organisation) — only its lower-case words are trained, as "outside".
     */
    static boolean trained(EntityExample example, int[][] offsets, float[][] lexical, int[] y, int t) {
        if (offsets[t][1] <= offsets[t][0] || example.isUnlabelled(offsets[t][0])) {
            return false;
        }
        boolean unmarkedCapital = example.partial() && y[t] == 0
                && (lexical[t][TokenFeatures.CAPITALISED_INSIDE_SENTENCE] > 0
                || lexical[t][TokenFeatures.ALL_CAPS] > 0);
        return !unmarkedCapital;
    }

    /** Encodes every example once (the session pool runs them in parallel). */
    static List<Encoding> encodeAll(WindowEncoder encoder, List<EntityExample> examples, ProgressListener progress) {
        Encoding[] out = new Encoding[examples.size()];
        AtomicInteger done = new AtomicInteger();
        java.util.stream.IntStream.range(0, examples.size()).parallel().forEach(i -> {
            out[i] = encoder.encode(examples.get(i).text());
            int n = done.incrementAndGet();
            if (n % 100 == 0 || n == out.length) {
                progress.onProgress("encode", n, out.length);
            }
        });
        return List.of(out);
    }

    /** BIO label of every token: B for the first token starting inside a gold span, I for the later ones. */
    static int[] labels(EntityExample example, int[][] offsets) {
        int[] y = new int[offsets.length];
        PiiSpan previous = null;
        for (int t = 0; t < offsets.length; t++) {
            if (offsets[t][1] <= offsets[t][0]) {
                continue;
            }
            PiiSpan gold = containing(example.gold(), offsets[t][0]);
            if (gold != null) {
                y[t] = gold == previous ? EntityLabels.inside(gold.type()) : EntityLabels.begin(gold.type());
            }
            previous = gold;
        }
        return y;
    }

    private static PiiSpan containing(List<PiiSpan> spans, int offset) {
        for (PiiSpan span : spans) {
            if (span.start() <= offset && offset < span.end()) {
                return span;
            }
        }
        return null;
    }
}
