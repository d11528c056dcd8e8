package dev.switchboard.core.recording;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordSinkTest {

    @TempDir
    Path dir;

    @Test
    void rotatesBySizeAndKeepsOnlyMaxFiles() throws Exception {
        Path file = dir.resolve("records.jsonl");
        String line = "x".repeat(999); // 1000 bytes with its newline
        try (RecordSink sink = new RecordSink(file, 4096, 2)) {
            for (int i = 0; i < 20; i++) {
                String numbered = i + line.substring(String.valueOf(i).length());
                sink.offer(() -> numbered);
            }
            sink.flushed().join();
        }
        // 4 lines per file: the current file holds 16..19, .1 holds 12..15, .2 holds 8..11; older ones are gone
        assertThat(Files.readAllLines(file)).hasSize(4).allSatisfy(l -> assertThat(l).hasSize(999));
        assertThat(Files.readAllLines(file).get(0)).startsWith("16x");
        assertThat(Files.readAllLines(dir.resolve("records.jsonl.2")).get(0)).startsWith("8x");
        assertThat(dir.resolve("records.jsonl.3")).doesNotExist();
    }

    @Test
    void aLineThatFailsToBuildIsSkippedAndTheRestAreWritten() throws Exception {
        Path file = dir.resolve("r.jsonl");
        try (RecordSink sink = new RecordSink(file, 1 << 20, 1)) {
            sink.offer(() -> "{\"a\":1}");
            sink.offer(() -> {
                throw new IllegalStateException("broken");
            });
            sink.offer(() -> "{\"a\":2}");
        }
        assertThat(Files.readAllLines(file)).containsExactly("{\"a\":1}", "{\"a\":2}");
    }

    @Test
    void promptsKeepNoEmailOrPhone() {
        String masked = PromptMask.mask("Write to ann.lee@example.com or call +1 415 555 0100 about my order");
        assertThat(masked).contains("<EMAIL_ADDRESS>").contains("<PHONE_NUMBER>").doesNotContain("example.com")
                .doesNotContain("555").endsWith("about my order");
    }
}
