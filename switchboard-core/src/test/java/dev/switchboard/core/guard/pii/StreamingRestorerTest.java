package dev.switchboard.core.guard.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Placeholders split across streamed chunks are restored; everything else passes through promptly. */
class StreamingRestorerTest {

    private final RedactionMap map = new Redactor().redact("mail a@x.com or b@y.com, host 10.0.0.1",
            StructuredPiiDetector.create().find("mail a@x.com or b@y.com, host 10.0.0.1")).map();

    private String stream(String... chunks) {
        StreamingRestorer restorer = new Restorer(map).streaming();
        StringBuilder out = new StringBuilder();
        for (String chunk : chunks) {
            out.append(restorer.feed(chunk));
        }
        return out.append(restorer.flush()).toString();
    }

    @Test
    void placeholderSplitAcrossTwoChunks() {
        assertThat(stream("Write to [EMAIL_", "ADDRESS_1] now")).isEqualTo("Write to a@x.com now");
    }

    @Test
    void placeholderSplitAcrossThreeChunks() {
        assertThat(stream("Hosts: [", "IP_ADDRESS", "_1] and [EMAIL_ADDRESS_2]."))
                .isEqualTo("Hosts: 10.0.0.1 and b@y.com.");
    }

    @Test
    void oneCharPerChunk() {
        String text = "[EMAIL_ADDRESS_2][[EMAIL_ADDRESS_1]] [x] [EMAIL_ADDRESS_3]";
        assertThat(stream(text.split(""))).isEqualTo("b@y.com[a@x.com] [x] [EMAIL_ADDRESS_3]");
    }

    @Test
    void plainTextIsEmittedAtOnceAndOnlyAPossiblePrefixIsHeld() {
        StreamingRestorer restorer = new Restorer(map).streaming();
        assertThat(restorer.feed("Hello [world] and [EMAIL")).isEqualTo("Hello [world] and ");
        assertThat(restorer.feed("_ADDRESS_9")).isEqualTo("[EMAIL_ADDRESS_9");
        assertThat(restorer.feed("]")).isEqualTo("]");
    }

    @Test
    void flushReleasesAnUnfinishedPrefix() {
        StreamingRestorer restorer = new Restorer(map).streaming();
        assertThat(restorer.feed("cut off [EMAIL_ADD")).isEqualTo("cut off ");
        assertThat(restorer.flush()).isEqualTo("[EMAIL_ADD");
        assertThat(restorer.flush()).isEmpty();
    }

    @Test
    void heldBackTextNeverExceedsTheLongestPlaceholder() {
        StreamingRestorer restorer = new Restorer(map).streaming();
        String emitted = restorer.feed("[EMAIL_ADDRESS_11111111");
        assertThat(emitted).isEqualTo("[EMAIL_ADDRESS_11111111");
    }

    @Test
    void restoredValuesAreNotScannedAgain() {
        PiiSpan span = PiiSpan.of(PiiType.URL, "see http://x.io/[IP_ADDRESS_1]", 4, 30, 0.9);
        RedactionMap urlMap = new Redactor().redact("see http://x.io/[IP_ADDRESS_1]", List.of(span)).map();
        StreamingRestorer restorer = new Restorer(urlMap).streaming();
        assertThat(restorer.feed("go [URL_") + restorer.feed("1]") + restorer.flush())
                .isEqualTo("go http://x.io/[IP_ADDRESS_1]");
    }

    @Test
    void emptyMapPassesChunksThrough() {
        StreamingRestorer restorer = new Restorer(RedactionMap.empty()).streaming();
        assertThat(List.of(restorer.feed("[EMAIL_"), restorer.feed("ADDRESS_1]"), restorer.flush()))
                .containsExactly("[EMAIL_", "ADDRESS_1]", "");
    }
}
