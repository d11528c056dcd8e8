package dev.switchboard.inference.ner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.guard.pii.PiiSpan;
import dev.switchboard.core.guard.pii.PiiType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BIO labels from gold spans, and the span scores; no model needed. */
class EntityLabelsTest {

    @Test
    void labelsFirstTokenOfEachEntityBAndTheRestI() {
        String text = "Anna Lee, Ben";
        List<PiiSpan> gold = List.of(PiiSpan.of(PiiType.PERSON, text, 0, 8, 1),
                PiiSpan.of(PiiType.PERSON, text, 10, 13, 1));
        int[][] offsets = {{0, 0}, {0, 4}, {5, 8}, {8, 9}, {10, 13}, {0, 0}};
        int[] y = EntityTrainer.labels(new EntityExample(text, gold, "test"), offsets);
        int b = EntityLabels.begin(PiiType.PERSON);
        int i = EntityLabels.inside(PiiType.PERSON);
        assertThat(y).containsExactly(0, b, i, 0, b, 0);
        assertThat(EntityLabels.typeOf(b)).isEqualTo(PiiType.PERSON);
        assertThat(EntityLabels.isBegin(b)).isTrue();
        assertThat(EntityLabels.isBegin(i)).isFalse();
    }

    @Test
    void wordsDropEdgePunctuationAndKeepTheirTokens() {
        String text = "to Kovalev, Lee";
        int[][] offsets = {{0, 0}, {0, 2}, {3, 5}, {5, 10}, {10, 11}, {12, 15}, {0, 0}};
        List<Word> words = Word.split(text, offsets);
        assertThat(words).extracting(w -> text.substring(w.start(), w.end())).containsExactly("to", "Kovalev", "Lee");
        assertThat(words.get(1).firstToken()).isEqualTo(2);
        assertThat(words.get(1).lastToken()).isEqualTo(3);
    }

    @Test
    void f2WeighsRecallFourTimesAsMuchAsPrecision() {
        EntityEvaluation.Score score = new EntityEvaluation.Score(5, 10, 9, 10);
        assertThat(score.precision()).isEqualTo(0.5);
        assertThat(score.recall()).isEqualTo(0.9);
        assertThat(score.f2()).isCloseTo(5 * 0.5 * 0.9 / (4 * 0.5 + 0.9), org.assertj.core.data.Offset.offset(1e-9));
    }
}
