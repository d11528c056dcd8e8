package dev.switchboard.inference.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decision records as training rows: joined with their feedback by id across rotated files, the last score wins. */
class DecisionRecordFileTest {

    @TempDir
    Path dir;

    private static String decision(String id, String model) {
        return "{\"record\":\"decision\",\"request_id\":\"" + id + "\",\"answered_by\":\"" + model
                + "\",\"encoder\":\"enc\",\"embedding\":[0.6,0.8],\"cost\":2.5}";
    }

    private static String feedback(String id, double score) {
        return "{\"record\":\"feedback\",\"request_id\":\"" + id + "\",\"score\":" + score + "}";
    }

    @Test
    void recordsWithFeedbackBecomeRowsScoringTheModelThatAnswered() throws Exception {
        Path file = dir.resolve("records.jsonl");
        Files.write(dir.resolve("records.jsonl.1"), List.of(decision("a", "small"), decision("b", "big")));
        Files.write(file, List.of(feedback("a", 0.2), decision("c", "big"), feedback("a", 1), feedback("zz", 1)));

        List<Outcome> rows = OutcomeFile.read(file);

        // b and c got no feedback; zz is not a recorded request
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.id()).isEqualTo("a");
            assertThat(row.scores()).isEqualTo(Map.of("small", 1.0));
            assertThat(row.costs()).isEqualTo(Map.of("small", 2.5));
            assertThat(row.recorded().embedding()).containsExactly(0.6f, 0.8f);
            assertThat(row.prompt()).isNull();
        });
    }

    @Test
    void splitRowsKeepTheirEmbeddings() throws Exception {
        Path file = dir.resolve("records.jsonl");
        Files.write(file, List.of(decision("a", "small"), feedback("a", 1)));
        Path out = dir.resolve("rows.jsonl");

        OutcomeFile.write(OutcomeFile.read(file), out);

        assertThat(OutcomeFile.read(out).get(0).recorded().encoder()).isEqualTo("enc");
    }

    @Test
    void recordsWithoutAnyFeedbackAreRefusedWithTheReason() throws Exception {
        Path file = Files.write(dir.resolve("records.jsonl"), List.of(decision("a", "small")));

        assertThatThrownBy(() -> OutcomeFile.read(file)).hasMessageContaining("none with feedback");
    }
}
