package dev.switchboard.core.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.core.encode.Encoding;
import org.junit.jupiter.api.Test;

/** The token mean the tool ranker reads: content tokens only, normalized, the embedding when there is nothing else. */
class TokenMeanTest {

    @Test
    void averagesContentTokensAndLeavesSpecialTokensOut() {
        float[][] states = {{100, 100}, {3, 0}, {0, 4}, {-100, 100}}; // [CLS] two words [SEP]
        int[][] offsets = {{0, 0}, {0, 5}, {6, 11}, {0, 0}};
        float[] mean = TokenMean.of(new Encoding(new float[] {1, 0}, states, offsets, false));
        assertThat(mean[0]).isCloseTo(0.6f, within(1e-6f)); // (1.5, 2) normalized
        assertThat(mean[1]).isCloseTo(0.8f, within(1e-6f));
    }

    @Test
    void aPassWithoutContentTokensKeepsItsEmbedding() {
        float[] embedding = {0, 1};
        assertThat(TokenMean.of(new Encoding(embedding, new float[][] {{5, 5}}, new int[][] {{0, 0}}, false)))
                .containsExactly(embedding);
        assertThat(TokenMean.of(new Encoding(embedding, new float[0][], new int[0][], false))).containsExactly(embedding);
    }
}
