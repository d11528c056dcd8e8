package dev.switchboard.core.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** BM25 over tool texts: the lexical half of tool relevance. */
class LexicalIndexTest {

    private static final List<String> TEXTS = List.of(
            "Ausp Petrol Prices: average daily petrol price for a state in Australia.",
            "Surf Report: today's surf report for any break.",
            "AI2sql: converts natural language into an SQL query.",
            "Weather Tool: the weather forecast for a city.");

    @Test
    void aRareWordTheRequestSharesWithOneToolRanksThatToolFirst() {
        double[] scores = LexicalIndex.of(TEXTS).scores("Write the SQL for all orders placed last week");
        assertThat(scores[2]).isPositive();
        assertThat(scores[0]).isZero();
        assertThat(scores[1]).isZero();
        assertThat(scores[3]).isZero();
    }

    @Test
    void pluralsAndIdentifiersMeetTheirPlainWords() {
        assertThat(LexicalIndex.terms("getPetrolPrices")).containsExactly("petrol", "price");
        assertThat(LexicalIndex.terms("surf_reports")).containsExactly("surf", "report");
        double[] scores = LexicalIndex.of(TEXTS).scores("what are petrol prices like in Perth?");
        assertThat(scores[0]).isGreaterThan(scores[1]).isGreaterThan(0.0 - 1e-12);
        assertThat(scores[0]).isPositive();
    }

    @Test
    void stopWordsAloneMatchNothing() {
        assertThat(LexicalIndex.of(TEXTS).scores("can you please help me with this for the")).containsOnly(0.0);
    }

    @Test
    void aWordInEveryToolWeighsLessThanAWordInOne() {
        LexicalIndex index = LexicalIndex.of(List.of("search flights", "search hotels", "search flights cheap"));
        double[] scores = index.scores("search hotels");
        assertThat(scores[1]).isGreaterThan(2 * scores[0]);
    }

    @Test
    void fusionAddsAtMostTheWeightAndKeepsTheCosineWithoutAMatch() {
        double[] fused = HybridScore.fuse(new double[] {0.5, 0.6}, new double[] {4, 2}, 0.1);
        assertThat(fused[0]).isEqualTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(fused[1]).isEqualTo(0.65, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(HybridScore.fuse(new double[] {0.5, 0.6}, new double[] {0, 0}, 0.1)).containsExactly(0.5, 0.6);
    }
}
