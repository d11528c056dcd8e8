package dev.switchboard.inference.head;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.encode.TextEncoder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Predicts the MMLU-Pro domain of a prompt from its {@link Encoding}: a {@link SoftmaxHead} bound to the encoder it
 * was trained for. Construction refuses a head trained for another encoder. Thread-safe (immutable).
 */
public final class DomainClassifier {

    /** Classpath location of the shipped head for the default encoder. */
    public static final String DEFAULT_HEAD_RESOURCE = "switchboard/domain/domain-head.bin";

    private final TextEncoder encoder;
    private final SoftmaxHead head;

    /** Binds {@code head} to {@code encoder}; throws {@link IncompatibleHeadException} if they do not match. */
    public DomainClassifier(TextEncoder encoder, SoftmaxHead head) {
        head.requireCompatible(encoder.modelId(), encoder.dimension());
        this.encoder = encoder;
        this.head = head;
    }

    /** The shipped head; {@code encoder} must be the bundled default encoder. */
    public static DomainClassifier loadDefault(TextEncoder encoder) {
        return new DomainClassifier(encoder, HeadCodec.readResource(DEFAULT_HEAD_RESOURCE));
    }

    /** A head from a file written by {@link HeadCodec}. */
    public static DomainClassifier load(TextEncoder encoder, Path headFile) {
        return new DomainClassifier(encoder, HeadCodec.read(headFile));
    }

    /**
     * Classifies {@code text} from the encoding the pipeline already made of it with this classifier's encoder.
     * The text is needed too because the head also reads lexical features of it (see {@link LexicalFeatures}).
     */
    public DomainPrediction classify(String text, Encoding encoding) {
        return predict(head.probabilities(head.features(encoding.embedding(), text)));
    }

    /** Encodes and classifies; prefer {@link #classify(String, Encoding)} when the text is already encoded. */
    public DomainPrediction classify(String text) {
        return classify(text, encoder.encode(text));
    }

    private DomainPrediction predict(float[] probabilities) {
        Map<String, Float> byLabel = new LinkedHashMap<>();
        int best = 0;
        for (int i = 0; i < probabilities.length; i++) {
            byLabel.put(head.labels().get(i), probabilities[i]);
            best = probabilities[i] > probabilities[best] ? i : best;
        }
        return new DomainPrediction(head.labels().get(best), probabilities[best], byLabel);
    }

    public SoftmaxHead head() {
        return head;
    }

    public TextEncoder encoder() {
        return encoder;
    }
}
