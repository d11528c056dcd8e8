package dev.switchboard.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void drawsABarAndEndsTheLineWhenThePhaseCompletes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        bar.onProgress("embed", 1, 4);
        bar.onProgress("embed", 4, 4);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("embed [", "1/4", "4/4 100%").endsWith(System.lineSeparator());
    }
}
