package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigValidateTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return Main.run(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void referenceConfigIsValid() {
        assertThat(run("config", "validate", "../config/reference.yaml")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("is valid");
    }

    @Test
    void everyErrorIsReportedWithItsPath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                routing: {default_model: nope}
                models:
                  - name: a
                    endpoints: [{url: "not a url"}]
                decisions:
                  - name: d
                    prority: 3
                    model_refs: [{model: ghost}]
                """);
        assertThat(run("config", "validate", file.toString())).isEqualTo(1);
        String errors = err.toString(StandardCharsets.UTF_8);
        assertThat(errors).contains("routing.default_model", "models[0].endpoints[0].url",
                "decisions[0].prority", "priority", "decisions[0].model_refs[0].model");
    }

    @Test
    void missingFileIsAClearError() {
        assertThat(run("config", "validate", "/no/such/file.yaml")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("/no/such/file.yaml");
    }
}
