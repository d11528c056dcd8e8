package dev.switchboard.inference.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outcome file format: prompt or messages, costs filled in, duplicates, and errors naming line and field. */
class OutcomeFileTest {

    @TempDir
    Path dir;

    private Path file(String... lines) throws Exception {
        return Files.write(dir.resolve("o.jsonl"), List.of(lines));
    }

    @Test
    void readsPromptsMessagesAndFillsMissingCosts() throws Exception {
        List<Outcome> rows = OutcomeFile.read(file(
                "{\"id\":\"a\",\"prompt\":\"hi\",\"scores\":{\"s\":1,\"b\":0.5},\"costs\":{\"s\":1,\"b\":4}}",
                "{\"id\":\"b\",\"messages\":[{\"role\":\"system\",\"content\":\"x\"},{\"role\":\"user\","
                        + "\"content\":\"what?\"}],\"scores\":{\"s\":0,\"b\":1}}",
                "{\"id\":\"c\",\"prompt\":\"hi\",\"scores\":{\"s\":1,\"b\":1}}"));

        assertThat(rows.get(1).prompt()).isEqualTo("what?");
        assertThat(rows.get(1).costs()).containsEntry("s", 1.0).containsEntry("b", 4.0);
        assertThat(OutcomeFile.dedupe(rows)).extracting(Outcome::id).containsExactly("a", "b");
    }

    @Test
    void errorsNameTheLineAndField() throws Exception {
        assertThatThrownBy(() -> OutcomeFile.read(file("{\"id\":\"a\",\"prompt\":\"hi\",\"scores\":{\"s\":2}}")))
                .hasMessageContaining("o.jsonl:1").hasMessageContaining("scores.s");
        assertThatThrownBy(() -> OutcomeFile.read(file("{\"id\":\"a\",\"scores\":{\"s\":1}}")))
                .hasMessageContaining("o.jsonl:1").hasMessageContaining("prompt");
        assertThatThrownBy(() -> OutcomeFile.read(file("{\"prompt\":\"a\",\"scores\":{\"s\":1}}",
                "{\"prompt\":\"b\",\"scores\":{\"t\":1}}"))).hasMessageContaining("same models");
        assertThatThrownBy(() -> OutcomeFile.read(file("not json"))).hasMessageContaining("o.jsonl:1");
    }
}
