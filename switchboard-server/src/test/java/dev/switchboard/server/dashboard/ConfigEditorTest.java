package dev.switchboard.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.config.SwitchboardConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config page's apply: validate, reload, then write the file; refusals change nothing and are audited. */
class ConfigEditorTest {

    private static final String VALID = """
            routing: {default_model: m}
            models:
              - name: m
                endpoints: [{url: "http://127.0.0.1:1"}]
            """;

    @TempDir
    Path dir;

    private final List<SwitchboardConfig> reloads = new ArrayList<>();

    private ConfigEditor editor(Path file) throws Exception {
        Files.writeString(file, VALID);
        ConfigEditor editor = new ConfigEditor(reloads::add);
        editor.source(ConfigSource.file(file, UnaryOperator.identity()));
        return editor;
    }

    @Test
    void anInvalidVersionIsRefusedWithItsPathAndTouchesNeitherRouterNorFile() throws Exception {
        Path file = dir.resolve("switchboard.yaml");
        ConfigEditor editor = editor(file);
        ObjectNode result = editor.apply(VALID.replace("default_model: m", "default_model: nope"), "tester");
        assertThat(result.path("applied").asBoolean()).isFalse();
        assertThat(result.path("errors").get(0).path("path").asText()).isEqualTo("routing.default_model");
        assertThat(reloads).isEmpty();
        assertThat(Files.readString(file)).isEqualTo(VALID);
        assertThat(audit(editor)).contains("\"who\":\"tester\"", "\"outcome\":\"rejected\"");
    }

    @Test
    void aValidVersionReloadsThenRewritesTheFile() throws Exception {
        Path file = dir.resolve("switchboard.yaml");
        ConfigEditor editor = editor(file);
        String edited = VALID + "signals:\n  keywords: [{name: k, keywords: [x]}]\n";
        assertThat(editor.apply(edited, "tester").path("applied").asBoolean()).isTrue();
        assertThat(reloads).hasSize(1);
        assertThat(reloads.get(0).signals().keywords()).hasSize(1);
        assertThat(Files.readString(file)).isEqualTo(edited);
        assertThat(editor.current().path("yaml").asText()).isEqualTo(edited);
        assertThat(audit(editor)).contains("\"outcome\":\"applied\"", "\"lines_added\":2", "\"lines_removed\":0")
                .doesNotContain("keywords"); // the audit never holds the YAML
    }

    @Test
    void aVersionTheRouterCannotBuildIsNotWritten() throws Exception {
        Path file = dir.resolve("switchboard.yaml");
        Files.writeString(file, VALID);
        ConfigEditor editor = new ConfigEditor(config -> {
            throw new IllegalStateException("no encoder");
        });
        editor.source(ConfigSource.file(file, UnaryOperator.identity()));
        ObjectNode result = editor.apply(VALID + "# comment\n", "tester");
        assertThat(result.path("applied").asBoolean()).isFalse();
        assertThat(result.path("detail").asText()).contains("no encoder");
        assertThat(Files.readString(file)).isEqualTo(VALID);
    }

    private static String audit(ConfigEditor editor) {
        ObjectNode out = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        editor.auditTo(out.putArray("entries"));
        return out.toString();
    }
}
