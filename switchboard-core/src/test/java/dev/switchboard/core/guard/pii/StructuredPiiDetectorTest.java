package dev.switchboard.core.guard.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The combined detector: overlap resolution, span contract, and quiet on ordinary text. */
class StructuredPiiDetectorTest {

    private final StructuredPiiDetector detector = StructuredPiiDetector.create();

    @Test
    void findsEveryTypeInOneTextSortedAndWithoutOverlaps() {
        String text = "Mail jane@example.com, call +1 415-555-2671, card 4111 1111 1111 1111, SSN 536-22-8726,"
                + " IBAN DE89 3704 0044 0532 0130 00, host 10.1.2.3, see https://example.org, on 2024-03-05.";
        List<PiiSpan> spans = detector.find(text);
        assertThat(spans).extracting(PiiSpan::type).containsExactly(PiiType.EMAIL_ADDRESS, PiiType.PHONE_NUMBER,
                PiiType.CREDIT_CARD, PiiType.US_SSN, PiiType.IBAN_CODE, PiiType.IP_ADDRESS, PiiType.URL,
                PiiType.DATE_TIME);
        spans.forEach(span -> assertThat(text.substring(span.start(), span.end())).isEqualTo(span.value()));
    }

    @Test
    void emailWinsOverTheDomainInsideIt() {
        assertThat(detector.find("jane@shop.example.com")).extracting(PiiSpan::type, PiiSpan::value)
                .containsExactly(tuple(PiiType.EMAIL_ADDRESS, "jane@shop.example.com"));
    }

    @Test
    void dateTimeWinsOverThePhoneLikeDigitsOfItsDate() {
        assertThat(detector.find("Phone log: 2024-03-05 14:30")).extracting(PiiSpan::type, PiiSpan::value)
                .containsExactly(tuple(PiiType.DATE_TIME, "2024-03-05 14:30"));
    }

    @Test
    void atEqualLengthTheMoreConfidentSpanWins() {
        PiiSpan weak = PiiSpan.of(PiiType.PHONE_NUMBER, "x 536-22-8726", 2, 13, 0.6);
        PiiSpan strong = PiiSpan.of(PiiType.US_SSN, "x 536-22-8726", 2, 13, 0.9);
        PiiSpan inside = PiiSpan.of(PiiType.DATE_TIME, "x 536-22-8726", 2, 8, 1.0);
        assertThat(OverlapResolver.resolve(List.of(weak, inside, strong))).containsExactly(strong);
    }

    @Test
    void ordinaryTextHasNoPii() {
        String text = "In 2023 revenue grew 12.5% to $1,234,567. Upgrade Java 17.0.2 to 21; see section 3.2.1,"
                + " ticket #48213, the 3:2 ratio at 10:30. Edit main.py and README.md, then run `mvn -q test`."
                + " Order 10023 ships in 5-7 days. Call stack depth is 1024. ASP.NET and Node.js both work.";
        assertThat(detector.find(text)).isEmpty();
    }

    @Test
    void identifiersInTechnicalTextAreNotPii() {
        String text = "id 123e4567-e89b-12d3-a456-426614174000, commit 9fceb02d0ae598e95dc970b74767f19372d61af8,"
                + " MAC 00:1A:2B:3C:4D:5E at 10:30:00, pi=3.14159265, 1/2 + 3/4, price $1,299.00, qty 100000,"
                + " ISBN 978-0-306-40615-7, 2^31-1 = 2147483647, Python 3.11.4, numpy==1.26.4, localhost:3000,"
                + " at Main.java:42, room 4-117, ratio 16:9, score 7-5 6-4, /var/log/app.log, config.yaml.";
        assertThat(detector.find(text)).isEmpty();
    }

    @Test
    void spanToStringMasksTheValue() {
        PiiSpan span = detector.find("mail jane@example.com").get(0);
        assertThat(span.toString()).doesNotContain("jane").doesNotContain("example")
                .contains("EMAIL_ADDRESS").contains("16 chars masked");
        assertThat(span.value()).isEqualTo("jane@example.com");
    }

    @Test
    void spanRejectsInconsistentFields() {
        Class<IllegalArgumentException> bad = IllegalArgumentException.class;
        assertThatThrownBy(() -> new PiiSpan(PiiType.URL, 3, 3, 0.5, "")).isInstanceOf(bad);
        assertThatThrownBy(() -> new PiiSpan(PiiType.URL, 0, 3, 0.5, "ab")).isInstanceOf(bad);
        assertThatThrownBy(() -> new PiiSpan(PiiType.URL, 0, 2, 1.5, "ab")).isInstanceOf(bad);
    }
}
