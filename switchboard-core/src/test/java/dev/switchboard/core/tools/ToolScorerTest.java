package dev.switchboard.core.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The shipped tool ranker: its file, its features, and what its weights prefer. */
class ToolScorerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theShippedScorerLoadsForItsEncoderOnly() {
        ToolScorer scorer = ToolScorer.shippedFor("bge-small-en-v1.5-int8");
        assertThat(scorer).isNotNull();
        assertThat(scorer.weights()).hasSize(ToolScorer.FEATURES.size());
        assertThat(ToolScorer.shippedFor("another-encoder")).isNull();
    }

    @Test
    void theShippedWeightsRewardSimilarityAndWords() {
        // the cosines are correlated, so one may carry a negative weight; together they must reward similarity,
        // and the lexical score must count for a tool
        double[] w = ToolScorer.shippedFor("bge-small-en-v1.5-int8").weights();
        double cosines = w[0] + w[1] + w[2] + w[3] + w[6] + w[7] + w[8];
        assertThat(cosines).isPositive();
        assertThat(w[4]).isPositive();
        assertThat(w[5]).isPositive();
    }

    @Test
    void featuresReadEachViewAndTheLexicalScore() {
        float[] query = {1, 0};
        ToolVectors byName = new ToolVectors(new float[] {0.6f, 0.8f}, new float[] {1, 0}, new float[] {0, 1});
        ToolVectors byNothing = new ToolVectors(new float[] {0, 1}, new float[] {0, 1}, new float[] {0, 1});
        float[] queryTokens = {0, 1};
        double[][] f = ToolScorer.features(query, queryTokens, new ToolVectors[] {byName, byNothing},
                new double[] {0.6, 0}, new double[] {2, 0});
        assertThat(f[0]).containsExactly(new double[] {0.6, 1.0, 0.0, 1.0, 1.0, Math.log1p(2), 0.8, 0.0, 1.0},
                org.assertj.core.data.Offset.offset(1e-6));
        assertThat(f[1]).containsExactly(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0);
        double[] scores = ToolScorer.shippedFor("bge-small-en-v1.5-int8").scores(f);
        assertThat(scores[0]).isGreaterThan(scores[1]);
    }

    @Test
    void aFileForOtherFeaturesIsRefused() throws Exception {
        assertThatThrownBy(() -> ToolScorer.read(JSON.readTree("""
                {"format":"switchboard-tool-scorer/2","encoder":"x","features":["cos_text"],"weights":[1]}""")))
                .hasMessageContaining("features");
        assertThatThrownBy(() -> ToolScorer.read(JSON.readTree("{\"format\":\"other\"}")))
                .hasMessageContaining("switchboard-tool-scorer/2");
    }
}
