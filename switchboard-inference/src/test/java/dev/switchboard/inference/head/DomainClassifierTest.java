package dev.switchboard.inference.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.inference.SharedEncoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Uses the real bundled model. */
@Tag("model")
class DomainClassifierTest {

    private final DomainClassifier classifier = DomainClassifier.loadDefault(SharedEncoder.get());

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "what's the derivative of x^2 sin x | math",
        "my landlord won't give back my deposit, can I take him to court? | law",
        "why does my python script throw a KeyError when I read the dict | computer science",
        "how many grams of NaCl do I need for 1 L of 0.5 M solution | chemistry",
        "what caused the fall of the Western Roman Empire | history",
        "I've had chest pain and shortness of breath since this morning, should I go to the ER? | health",
        "what would Kant say about lying to protect a friend | philosophy",
        "why does the central bank raise interest rates when inflation is high | economics",
    })
    void shippedHeadClassifiesUnambiguousChatPrompts(String prompt, String expected) {
        DomainPrediction prediction = classifier.classify(prompt);
        assertThat(prediction.category()).isEqualTo(expected);
        assertThat(prediction.confidence()).isEqualTo(prediction.probabilities().get(expected));
        assertThat(prediction.probabilities().values().stream().mapToDouble(Float::doubleValue).sum())
                .isCloseTo(1.0, within(1e-4));
    }

    @Test
    void shippedHeadRecordsItsEncoderAndHandlesEmptyText() {
        assertThat(classifier.head().modelId()).isEqualTo(SharedEncoder.get().modelId());
        assertThat(classifier.head().labels()).isEqualTo(DomainCategories.ALL);
        assertThat(classifier.classify("").category()).isIn(DomainCategories.ALL);
    }

    @Test
    void headTrainedForAnotherEncoderIsRefused() {
        SoftmaxHead shipped = classifier.head();
        SoftmaxHead foreign = new SoftmaxHead("all-minilm-l6-v2", shipped.dimension(), shipped.lexicalBuckets(),
                shipped.labels(), null, null, shipped.outWeights(), shipped.outBias());
        assertThatThrownBy(() -> new DomainClassifier(SharedEncoder.get(), foreign))
                .isInstanceOf(IncompatibleHeadException.class)
                .hasMessageContaining("all-minilm-l6-v2")
                .hasMessageContaining(SharedEncoder.get().modelId());
    }

    @Test
    void codecRoundTripsAndRejectsNonHeads() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HeadCodec.write(classifier.head(), bytes);
        SoftmaxHead copy = HeadCodec.read(new ByteArrayInputStream(bytes.toByteArray()), "memory");
        assertThat(copy.modelId()).isEqualTo(classifier.head().modelId());
        assertThat(copy.outWeights()).isDeepEqualTo(classifier.head().outWeights());
        byte[] junk = Arrays.copyOf("not a head".getBytes(), 64);
        assertThatThrownBy(() -> HeadCodec.read(new ByteArrayInputStream(junk), "junk.bin"))
                .isInstanceOf(IncompatibleHeadException.class)
                .hasMessageContaining("junk.bin");
    }
}
