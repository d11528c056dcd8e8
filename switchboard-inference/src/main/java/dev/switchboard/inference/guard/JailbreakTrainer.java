package dev.switchboard.inference.guard;

import dev.switchboard.inference.ProgressListener;
import dev.switchboard.inference.encoder.OnnxEncoder;
import dev.switchboard.inference.head.SoftmaxHead;
import dev.switchboard.inference.train.LabeledText;
import dev.switchboard.inference.train.SoftmaxTrainer;
import dev.switchboard.inference.train.TrainOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Trains the two-class jailbreak head on the representation it is scored on: each text becomes its bag of
 * {@link JailbreakFeatures} instances from one encoder pass (plus windows for long texts), and the text's score is
 * its highest-scoring instance. Training is multiple-instance logistic regression: each step pushes the
 * highest-scoring instance of a bag toward the text's label (for a benign text that lowers every span that looks
 * like an attack; for an attack it raises the span that holds it). Also pushing the whole-window instance of
 * every text toward its label, as a second loss term, gave lower recall at the same false-positive rate
 * (docs/accuracy.md). Mini-batch Adam with decoupled weight decay and a linearly decaying step size, as
 * {@code SoftmaxTrainer}; single-threaded and seeded, so the same data gives bit-identical weights.
 *
 * <p>Before training, every attack gets one copy with harmless text appended and one with harmless text before it
 * (the {@link AppendAttack.Pool#TRAIN} filler), so that filler teaches nothing about the label; a tenth of the
 * benign texts get each treatment ({@link #augment}).
 */
public final class JailbreakTrainer {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPS = 1e-8f;

    private final OnnxEncoder encoder;
    private final TrainOptions options;

    public JailbreakTrainer(OnnxEncoder encoder, TrainOptions options) {
        if (options.hidden() != 0) {
            throw new IllegalArgumentException("the jailbreak head is linear; hidden units are not supported");
        }
        this.encoder = encoder;
        this.options = options;
    }

    /** Augments {@code examples} and fits a head labelled {@link JailbreakDetector#LABELS}. */
    public SoftmaxHead train(List<LabeledText> examples, ProgressListener progress) {
        List<LabeledText> all = augment(examples, options.seed());
        List<List<JailbreakFeatures.Instance>> bags = bags(all.stream().map(LabeledText::text).toList(), progress);
        return fit(bags, all.stream().map(e -> e.label().equals(JailbreakData.JAILBREAK)).toList(), progress);
    }

    /** The bags of {@code texts}, in order, encoded on as many threads as the encoder has sessions. */
    List<List<JailbreakFeatures.Instance>> bags(List<String> texts, ProgressListener progress) {
        ExecutorService pool = Executors.newFixedThreadPool(encoder.settings().poolSize());
        AtomicLong done = new AtomicLong();
        try {
            List<Future<List<JailbreakFeatures.Instance>>> futures = new ArrayList<>();
            for (String text : texts) {
                futures.add(pool.submit(() -> {
                    List<JailbreakFeatures.Instance> bag = JailbreakFeatures.bag(encoder, text, encoder.encode(text),
                            options.lexicalBuckets());
                    progress.onProgress("encode", done.incrementAndGet(), texts.size());
                    return bag;
                }));
            }
            List<List<JailbreakFeatures.Instance>> out = new ArrayList<>();
            for (Future<List<JailbreakFeatures.Instance>> future : futures) {
                out.add(future.get());
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("Encoding failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Multiple-instance logistic regression over {@code bags}; {@code attack} is each bag's label. */
    SoftmaxHead fit(List<List<JailbreakFeatures.Instance>> bags, List<Boolean> attack, ProgressListener progress) {
        int dim = encoder.dimension();
        int width = dim + options.lexicalBuckets();
        float[] w = new float[width];
        float[] grad = new float[width];
        float[] m = new float[width];
        float[] v = new float[width];
        float[] bias = new float[1];
        float[] biasState = new float[3]; // gradient, first and second moment
        long attacks = attack.stream().filter(a -> a).count();
        float attackWeight = options.balanceClasses() ? bags.size() / (2f * attacks) : 1f;
        float benignWeight = options.balanceClasses() ? bags.size() / (2f * (bags.size() - attacks)) : 1f;
        int[] order = new int[bags.size()];
        Arrays.setAll(order, i -> i);
        Random random = new Random(options.seed());
        int batches = (bags.size() + options.batchSize() - 1) / options.batchSize();
        int totalSteps = options.epochs() * batches;
        int step = 0;
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            SoftmaxTrainer.shuffle(order, random);
            for (int start = 0; start < order.length; start += options.batchSize()) {
                int end = Math.min(order.length, start + options.batchSize());
                for (int i = start; i < end; i++) {
                    List<JailbreakFeatures.Instance> bag = bags.get(order[i]);
                    boolean label = attack.get(order[i]);
                    float weight = label ? attackWeight : benignWeight;
                    int best = 0;
                    float bestZ = Float.NEGATIVE_INFINITY;
                    for (int k = 0; k < bag.size(); k++) {
                        float z = logit(w, bias[0], bag.get(k), dim);
                        if (z > bestZ) {
                            bestZ = z;
                            best = k;
                        }
                    }
                    accumulate(grad, biasState, bag.get(best), dim, weight * (sigmoid(bestZ) - (label ? 1 : 0)));
                }
                step++;
                float lr = options.learningRate() * (1f - (float) (step - 1) / totalSteps);
                adam(w, grad, m, v, lr, step, end - start, options.l2());
                adamBias(bias, biasState, lr, step, end - start);
            }
            progress.onProgress("train", epoch + 1, options.epochs());
        }
        float[][] out = {new float[width], w};
        return new SoftmaxHead(encoder.modelId(), dim, options.lexicalBuckets(), JailbreakDetector.LABELS, null, null,
                out, new float[] {0f, bias[0]});
    }

    private static float logit(float[] w, float bias, JailbreakFeatures.Instance x, int dim) {
        float z = bias;
        float[] e = x.embedding();
        for (int d = 0; d < e.length; d++) {
            z += w[d] * e[d];
        }
        for (int k = 0; k < x.lexIndex().length; k++) {
            z += w[dim + x.lexIndex()[k]] * x.lexValue()[k];
        }
        return z;
    }

    private static void accumulate(float[] grad, float[] biasState, JailbreakFeatures.Instance x, int dim,
                                   float delta) {
        float[] e = x.embedding();
        for (int d = 0; d < e.length; d++) {
            grad[d] += delta * e[d];
        }
        for (int k = 0; k < x.lexIndex().length; k++) {
            grad[dim + x.lexIndex()[k]] += delta * x.lexValue()[k];
        }
        biasState[0] += delta;
    }

    private static void adam(float[] w, float[] grad, float[] m, float[] v, float lr, int t, int batch, float l2) {
        float c1 = 1 - (float) Math.pow(BETA1, t);
        float c2 = 1 - (float) Math.pow(BETA2, t);
        for (int i = 0; i < w.length; i++) {
            float g = grad[i] / batch;
            m[i] = BETA1 * m[i] + (1 - BETA1) * g;
            v[i] = BETA2 * v[i] + (1 - BETA2) * g * g;
            w[i] -= lr * ((m[i] / c1) / ((float) Math.sqrt(v[i] / c2) + EPS) + l2 * w[i]);
            grad[i] = 0f;
        }
    }

    private static void adamBias(float[] bias, float[] state, float lr, int t, int batch) {
        float g = state[0] / batch;
        state[1] = BETA1 * state[1] + (1 - BETA1) * g;
        state[2] = BETA2 * state[2] + (1 - BETA2) * g * g;
        bias[0] -= lr * (state[1] / (1 - (float) Math.pow(BETA1, t)))
                / ((float) Math.sqrt(state[2] / (1 - (float) Math.pow(BETA2, t))) + EPS);
        state[0] = 0f;
    }

    private static float sigmoid(float z) {
        return (float) (1 / (1 + Math.exp(-z)));
    }

    /**
     * {@code examples} plus, for every attack, one copy with harmless filler appended and one with filler put before
     * it (an injection at the end of a pasted text), and the same two treatments for a tenth of the benign texts
     * each, so that filler carries no label.
     */
    static List<LabeledText> augment(List<LabeledText> examples, long seed) {
        Random random = new Random(seed);
        AppendAttack.Variant[] variants = AppendAttack.Variant.values();
        List<LabeledText> out = new ArrayList<>(examples);
        for (LabeledText e : examples) {
            boolean attack = e.label().equals(JailbreakData.JAILBREAK);
            if (attack || random.nextInt(10) == 0) {
                AppendAttack.Variant variant = variants[random.nextInt(variants.length)];
                String text = AppendAttack.apply(e.text(), variant, AppendAttack.Pool.TRAIN, random);
                out.add(new LabeledText(text, e.label()));
            }
            if (attack || random.nextInt(10) == 0) {
                AppendAttack.Variant variant = variants[random.nextInt(variants.length)];
                String text = AppendAttack.prepend(e.text(), variant, AppendAttack.Pool.TRAIN, random);
                out.add(new LabeledText(text, e.label()));
            }
        }
        return out;
    }
}
