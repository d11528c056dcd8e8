package dev.switchboard.inference.guard;

import dev.switchboard.inference.ProgressListener;
import dev.switchboard.inference.encoder.OnnxEncoder;
import dev.switchboard.inference.head.SoftmaxHead;
import dev.switchboard.inference.train.DomainTrainer;
import dev.switchboard.inference.train.EmbeddingCache;
import dev.switchboard.inference.train.LabeledText;
import dev.switchboard.inference.train.SoftmaxTrainer;
import dev.switchboard.inference.train.TrainOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains the two-class jailbreak head. {@code DomainTrainer.train} is bound to the 14 domains, so this reuses only
 * its label-agnostic feature extraction (embedding + lexical features, through the {@link EmbeddingCache}) and
 * fits with {@link SoftmaxTrainer}.
 *
 * <p>Before training, every attack gets one copy with harmless text appended (the {@link AppendAttack.Pool#TRAIN}
 * filler), so that filler teaches nothing about the label; a tenth of the benign texts get the same treatment.
 */
public final class JailbreakTrainer {

    private final OnnxEncoder encoder;
    private final EmbeddingCache cache;
    private final TrainOptions options;

    public JailbreakTrainer(OnnxEncoder encoder, EmbeddingCache cache, TrainOptions options) {
        this.encoder = encoder;
        this.cache = cache;
        this.options = options;
    }

    /** Augments {@code examples} and fits a head labelled {@link JailbreakDetector#LABELS}. */
    public SoftmaxHead train(List<LabeledText> examples, ProgressListener progress) {
        List<LabeledText> all = augment(examples, options.seed());
        float[][] x = new DomainTrainer(encoder, cache, options).features(all, progress);
        int[] y = all.stream().mapToInt(e -> JailbreakDetector.LABELS.indexOf(e.label())).toArray();
        return new SoftmaxTrainer(options).train(x, y, JailbreakDetector.LABELS, encoder.modelId(), progress);
    }

    /** {@code examples} plus appended-filler copies of all attacks and of a tenth of benign texts. */
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
        }
        return out;
    }
}
