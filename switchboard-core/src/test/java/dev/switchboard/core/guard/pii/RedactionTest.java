package dev.switchboard.core.guard.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Redactor numbering and the non-streaming Restorer. */
class RedactionTest {

    private final StructuredPiiDetector detector = StructuredPiiDetector.create();

    private RedactedText redact(Redactor redactor, String text) {
        return redactor.redact(text, detector.find(text));
    }

    @Test
    void numbersPerTypeAndReusesThePlaceholderOfARepeatedValue() {
        RedactedText result = redact(new Redactor(),
                "a@x.com wrote to b@y.com on 2024-03-05; a@x.com again, 192.168.0.1.");
        assertThat(result.text()).isEqualTo("[EMAIL_ADDRESS_1] wrote to [EMAIL_ADDRESS_2] on [DATE_TIME_1];"
                + " [EMAIL_ADDRESS_1] again, [IP_ADDRESS_1].");
        assertThat(result.map().placeholders())
                .containsExactly("[EMAIL_ADDRESS_1]", "[EMAIL_ADDRESS_2]", "[DATE_TIME_1]", "[IP_ADDRESS_1]");
        assertThat(result.map().original("[EMAIL_ADDRESS_2]")).contains("b@y.com");
    }

    @Test
    void numberingContinuesAcrossTheMessagesOfOneRequest() {
        Redactor redactor = new Redactor();
        redact(redactor, "I am a@x.com");
        RedactedText second = redact(redactor, "cc b@y.com and a@x.com");
        assertThat(second.text()).isEqualTo("cc [EMAIL_ADDRESS_2] and [EMAIL_ADDRESS_1]");
        assertThat(second.map().size()).isEqualTo(2);
    }

    @Test
    void skipsAPlaceholderTheUserWroteLiterally() {
        RedactedText result = redact(new Redactor(), "[EMAIL_ADDRESS_1] is a@x.com");
        assertThat(result.text()).isEqualTo("[EMAIL_ADDRESS_1] is [EMAIL_ADDRESS_2]");
        assertThat(new Restorer(result.map()).restore(result.text())).isEqualTo("[EMAIL_ADDRESS_1] is a@x.com");
    }

    @Test
    void textWithoutSpansIsUnchanged() {
        RedactedText result = new Redactor().redact("nothing here", List.of());
        assertThat(result.text()).isEqualTo("nothing here");
        assertThat(result.map().isEmpty()).isTrue();
    }

    @Test
    void rejectsSpansFromAnotherText() {
        PiiSpan span = PiiSpan.of(PiiType.URL, "see example.com", 4, 15, 0.5);
        assertThatThrownBy(() -> new Redactor().redact("see example.org", List.of(span)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("example");
    }

    @Test
    void mapToStringShowsPlaceholdersButNoValues() {
        RedactedText result = redact(new Redactor(), "a@x.com");
        assertThat(result.map().toString()).contains("[EMAIL_ADDRESS_1]").doesNotContain("a@x.com");
        assertThat(result.toString()).doesNotContain("a@x.com");
    }

    @Test
    void restoresKnownPlaceholdersAndLeavesOthers() {
        String original = "Send 4111 1111 1111 1111 to a@x.com [draft]";
        RedactedText result = redact(new Redactor(), original);
        Restorer restorer = new Restorer(result.map());
        assertThat(restorer.restore(result.text())).isEqualTo(original);
        assertThat(restorer.restore("Done: [EMAIL_ADDRESS_1], not [PERSON_3] or [EMAIL_ADDRESS_1 or ["))
                .isEqualTo("Done: a@x.com, not [PERSON_3] or [EMAIL_ADDRESS_1 or [");
    }
}
