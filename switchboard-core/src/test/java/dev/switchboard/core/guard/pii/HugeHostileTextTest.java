package dev.switchboard.core.guard.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The structured recognizers on 1 MiB texts built to make regular expressions recurse or backtrack (an overflow needs
 * only thousands of repetitions): every one is scanned to the end (a real email after the hostile run is still
 * found), never a {@link StackOverflowError}. java.util.regex recurses once per repetition of a group, so an unbounded {@code (?:label\.)+} overflowed the stack
 * on "a.a.a.…" before the domain patterns were bounded.
 */
class HugeHostileTextTest {

    private static final int ONE_MIB = 1024 * 1024;

    @ParameterizedTest
    @ValueSource(strings = {"a.", "1.", "a-", "a@b.", "7", "12 ", "1:a:", "+1 2", "x.co/", "DE00 0000 "})
    void aOneMibRunOfAPatternIsScannedToTheEnd(String unit) {
        String text = unit.repeat(ONE_MIB / unit.length()) + " write to jane.doe@example.com today";
        assertThat(StructuredPiiDetector.create().find(text))
                .anySatisfy(span -> assertThat(span.value()).isEqualTo("jane.doe@example.com"));
    }
}
