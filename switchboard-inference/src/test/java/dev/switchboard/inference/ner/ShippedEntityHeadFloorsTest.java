package dev.switchboard.inference.ner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.guard.pii.PiiType;
import dev.switchboard.inference.SharedEncoder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Accuracy floors of the shipped entity head on the evaluation sets kept in the repository (hand-written, never
 * trained on), scored the way the router runs it. A change to the token features, the tokenizer, the encoder, the
 * decoding or the head that silently invalidates the shipped weights fails here. Floors sit below what the shipped
 * head measured (docs/accuracy.md, "PII: entity head"), by about one entity's worth on these small sets, so that
 * they catch a broken head, not a rounding.
 */
@Tag("model")
class ShippedEntityHeadFloorsTest {

    private final EntityEvaluation evaluation = new EntityEvaluation(EntityTagger.loadDefault(SharedEncoder.get()));

    /** Shipped head: overlap F2 0.946, word F2 0.959 over all types. */
    @Test
    void chatMessages() {
        EntityEvaluation.Report report = evaluation.evaluate(EntityData.handWritten(EntityData.HAND_WRITTEN));
        assertThat(report.overlapAll().f2()).as("all types, overlap F2").isGreaterThanOrEqualTo(0.90);
        assertThat(report.wordsAll().f2()).as("all types, word F2").isGreaterThanOrEqualTo(0.90);
    }

    /** Shipped head: overlap F2 PERSON 0.875, LOCATION 0.861, all types 0.810. */
    @Test
    void socialPostsAndNews() {
        EntityEvaluation.Report report = evaluation.evaluate(EntityData.handWritten(EntityData.HAND_WRITTEN_SOCIAL));
        assertThat(report.overlap().get(PiiType.PERSON).f2()).as("PERSON overlap F2").isGreaterThanOrEqualTo(0.80);
        assertThat(report.overlap().get(PiiType.LOCATION).f2()).as("LOCATION overlap F2").isGreaterThanOrEqualTo(0.80);
        assertThat(report.overlapAll().f2()).as("all types, overlap F2").isGreaterThanOrEqualTo(0.75);
    }
}
