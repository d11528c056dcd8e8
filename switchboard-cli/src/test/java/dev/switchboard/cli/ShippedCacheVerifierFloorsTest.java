package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.inference.encoder.OnnxEncoder;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the shipped cache verifier (bundled encoder, weights and cut) at or above what docs/accuracy.md reports on
 * the repository's hand-written chat pairs, measured the way {@code switchboard eval cache} measures it. The set is
 * evaluation only: nothing was trained or tuned on it, so a new verifier that scores lower here has regressed.
 */
class ShippedCacheVerifierFloorsTest {

    private static final Path HANDWRITTEN = Path.of("src/test/resources/cache/chat-pairs-eval.jsonl");
    /** The report's row for the hand-written pairs: paraphrases, recall, look-alikes, false hits. */
    private static final Pattern ROW = Pattern.compile(
            "\\| evaluation only / handwritten-chat \\| (\\d+) \\| ([0-9.]+) \\| (\\d+) \\| ([0-9.]+) \\|");

    @Test
    void handWrittenChatPairsStayAtTheDocumentedOperatingPoint() throws Exception {
        String report;
        try (OnnxEncoder encoder = OnnxEncoder.loadDefault()) {
            report = CacheEval.run(HANDWRITTEN, Integer.MAX_VALUE, 42, encoder, (phase, done, total) -> { });
        }
        Matcher row = ROW.matcher(report);
        assertThat(row.find()).as(report).isTrue();
        assertThat(Integer.parseInt(row.group(1))).isEqualTo(60);
        assertThat(Integer.parseInt(row.group(3))).isEqualTo(60);
        // docs/accuracy.md: 40 % of the paraphrases hit, 2 of 60 look-alikes
        assertThat(Double.parseDouble(row.group(2))).as("recall").isGreaterThanOrEqualTo(0.40);
        assertThat(Double.parseDouble(row.group(4))).as("false hits").isLessThanOrEqualTo(2 / 60.0 + 1e-3);
    }
}
