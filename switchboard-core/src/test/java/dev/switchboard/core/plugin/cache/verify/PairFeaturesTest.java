package dev.switchboard.core.plugin.cache.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.encode.Encoding;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The verifier's inputs: what they see in a pair, and what an entry keeps. */
class PairFeaturesTest {

    private static float feature(String name, String query, String cached) {
        float[] embedding = {1f};
        float[] features = PairFeatures.of(new QuestionView(query, embedding, new byte[0]),
                new QuestionView(cached, embedding, new byte[0]));
        assertThat(features).hasSize(PairFeatures.NAMES.size());
        return features[PairFeatures.NAMES.indexOf(name)];
    }

    @Test
    void lookAlikesShowWhatChanged() {
        assertThat(feature("number_mismatch", "what is 15% of 80", "what is 15% of 60")).isEqualTo(1f);
        assertThat(feature("negation_mismatch", "can i freeze rice", "can i not freeze rice")).isEqualTo(1f);
        assertThat(feature("direction_mismatch", "how do i enable dark mode", "how do i disable dark mode"))
                .isEqualTo(1f);
        assertThat(feature("unit_mismatch", "convert 3 liters to ounces", "convert 3 gallons to ounces"))
                .isEqualTo(1f);
        assertThat(feature("name_mismatch", "Is Rust faster than Go?", "Is Rust faster than Kotlin?"))
                .isEqualTo(2f);
        assertThat(feature("unmatched_words", "capital of Peru", "capital of Chile")).isEqualTo(2f);
    }

    @Test
    void rewordingsKeepTheirContentWords() {
        assertThat(feature("unmatched_words", "How do I export my contacts?", "how can i export contacts please"))
                .isZero();
        assertThat(feature("jaccard", "How do I export my contacts?", "export contacts, how?")).isEqualTo(1f);
        assertThat(feature("number_mismatch", "flights to Lima", "flight to lima")).isZero();
    }

    @Test
    void theTokenSketchIsBoundedAndSkipsFunctionWords() {
        Random random = new Random(1);
        String text = "how do i " + "reset router password ".repeat(40);
        int tokens = text.split(" ").length;
        float[][] states = new float[tokens][16];
        int[][] offsets = new int[tokens][];
        int at = 0;
        for (int t = 0; t < tokens; t++) {
            String word = text.split(" ")[t];
            offsets[t] = new int[] {at, at + word.length()};
            at += word.length() + 1;
            for (int d = 0; d < 16; d++) {
                states[t][d] = (float) random.nextGaussian();
            }
        }
        byte[] sketch = TokenSketch.of(text, new Encoding(new float[16], states, offsets, false));
        assertThat(sketch).hasSize(TokenSketch.MAX_TOKENS * TokenSketch.DIMENSION);
        byte[] short_ = TokenSketch.of("how do i", new Encoding(new float[16], new float[][] {states[0], states[1],
            states[2]}, new int[][] {{0, 3}, {4, 6}, {7, 8}}, false));
        assertThat(short_).isEmpty(); // "how do i" carries no content word
        assertThat(PairFeatures.alignment(sketch, sketch)[1]).isGreaterThan(0.99f);
    }
}
