package dev.switchboard.core.guard.pii;

import static dev.switchboard.core.guard.pii.Found.values;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Phone numbers and dates: the recognizers most at risk of flagging ordinary numbers. */
class PhoneAndDateRecognizersTest {

    private final PiiRecognizer phone = new PhoneRecognizer();
    private final PiiRecognizer dates = text -> {
        java.util.List<PiiSpan> spans = new java.util.ArrayList<>(DateTimeRecognizer.numeric().find(text));
        spans.addAll(DateTimeRecognizer.written().find(text));
        return spans;
    };
    private final PiiRecognizer weekdays = new WeekdayRecognizer();

    @Test
    void internationalAndNorthAmericanFormsNeedNoContext() {
        assertThat(values(phone, "+44 20 7946 0958; +1 (415) 555-2671, +49-30-901820"))
                .containsExactly("+44 20 7946 0958", "+1 (415) 555-2671", "+49-30-901820");
        assertThat(values(phone, "(415) 555-2671, 415.555.2671 or 1-415-555-2671 x123"))
                .containsExactly("(415) 555-2671", "415.555.2671", "1-415-555-2671 x123");
    }

    @Test
    void localFormsCountNextToPhoneWords() {
        assertThat(values(phone, "call me at 0176 1234567")).containsExactly("0176 1234567");
        assertThat(values(phone, "Phone: 089 72 63 41")).containsExactly("089 72 63 41");
        assertThat(values(phone, "2813882583 mobile")).containsExactly("2813882583");
        assertThat(values(phone, "Phone:415-555-2671, tel:0176 1234567"))
                .containsExactly("415-555-2671", "0176 1234567");
    }

    @Test
    void numbersThatAreNotPhonesAreIgnored() {
        assertThat(values(phone, "In 2024 we sold 1,234,567 units for $12 345 678.")).isEmpty();
        assertThat(values(phone, "order number 12345678, invoice 2024-0042-17, zip 94107")).isEmpty();
        assertThat(values(phone, "version 10.2.3, born between 1990 and 2000, ISBN 978-3-16-148410-0")).isEmpty();
    }

    @Test
    void phoneDigitCountsStayWithinE164() {
        assertThat(values(phone, "call +1 2")).isEmpty();
        assertThat(values(phone, "call 12 34 56")).isEmpty();
        assertThat(values(phone, "call +123 4567 8901 2345 678")).isEmpty();
    }

    @Test
    void isoAndNumericDates() {
        assertThat(values(dates, "on 2024-03-05, at 2024-03-05T14:30:00Z, 1993-01-04 14:56:41 and 03/05/2024"))
                .containsExactly("2024-03-05", "2024-03-05T14:30:00Z", "1993-01-04 14:56:41", "03/05/2024");
        assertThat(values(dates, "born 5.3.1980 or 3/5/80 or 31-12-1999"))
                .containsExactly("5.3.1980", "3/5/80", "31-12-1999");
    }

    @Test
    void writtenDates() {
        assertThat(values(dates, "5 March 2024, March 5, 2024, the 5th of March, Mar 2024, on Sept. 9"))
                .containsExactly("5 March 2024", "March 5, 2024", "5th of March", "Mar 2024", "Sept. 9");
    }

    @Test
    void weekdaysHaveLowConfidence() {
        assertThat(weekdays.find("see you Monday, not mondays or Someday")).singleElement()
                .satisfies(span -> assertThat(span.confidence()).isLessThan(0.5));
    }

    @Test
    void notDates() {
        assertThat(values(dates, "in 2024, you may 5 times, 1.2.24, 13/13/2024, 2024-13-01, 2024-02-30x")).isEmpty();
        assertThat(values(dates, "it costs 12/5 of that, march 5 steps")).isEmpty();
        assertThat(values(dates, "Since 12 March. Then")).containsExactly("12 March");
    }
}
