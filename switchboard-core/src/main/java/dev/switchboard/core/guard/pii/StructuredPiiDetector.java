package dev.switchboard.core.guard.pii;

import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.guard.ScanBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Finds the personal data that has a fixed shape: e-mail, phone, payment card, US SSN, IBAN, IP address, URL and
 * date. Pure Java with precompiled patterns and checksum validation, so it runs on the request path in
 * microseconds and needs no model. Names, places and organisations are left to the ML head.
 *
 * <p>Overlapping findings are resolved so that every char belongs to at most one span: the longer span wins,
 * then the more confident one. Thread-safe; share one instance.
 *
 * <p>Under a request's {@link ScanBudget} the recognizers read at most {@code guards.ml_budget.max_pattern_chars}
 * characters of the request: linear time is still seconds for a hostile 4 MiB body (runs of digits, dotted labels
 * and the like each make several patterns look at every window). A text longer than what is left is read as its
 * head and tail, like the ML heads read a long text, and the cut is reported to the budget (flag or refuse).
 */
public final class StructuredPiiDetector implements PiiRecognizer {

    private static final StructuredPiiDetector DEFAULT = new StructuredPiiDetector(List.of(
            new EmailRecognizer(), new UrlRecognizer(), new IpAddressRecognizer(), new CreditCardRecognizer(),
            new IbanRecognizer(), new UsSsnRecognizer(), new PhoneRecognizer(), DateTimeRecognizer.numeric(),
            DateTimeRecognizer.written(), new WeekdayRecognizer()));

    /** Types this detector can report. */
    public static final Set<PiiType> TYPES = Set.of(PiiType.EMAIL_ADDRESS, PiiType.URL, PiiType.IP_ADDRESS,
            PiiType.CREDIT_CARD, PiiType.IBAN_CODE, PiiType.US_SSN, PiiType.PHONE_NUMBER, PiiType.DATE_TIME);

    private final List<PiiRecognizer> recognizers;

    private StructuredPiiDetector(List<PiiRecognizer> recognizers) {
        this.recognizers = recognizers;
    }

    /** The detector with every structured recognizer. */
    public static StructuredPiiDetector create() {
        return DEFAULT;
    }

    /** Non-overlapping spans sorted by start offset. */
    @Override
    public List<PiiSpan> find(String text) {
        List<PiiSpan> candidates = new ArrayList<>();
        for (PiiRecognizer recognizer : recognizers) {
            candidates.addAll(recognizer.find(text));
        }
        return OverlapResolver.resolve(candidates);
    }

    /** The structured recognizers ignore the encoder pass; they read what {@code budget} allows. */
    @Override
    public List<PiiSpan> find(String text, Supplier<Encoding> encoding, ScanBudget budget) {
        return find(text, budget);
    }

    /**
     * Like {@link #find(String)}, reading at most {@link ScanBudget#patternCharsLeft()} characters: all of a text
     * that fits, else its head and tail (half of what is left each, cut at whitespace), reporting the cut.
     */
    public List<PiiSpan> find(String text, ScanBudget budget) {
        int allowed = budget.patternCharsLeft();
        if (text.length() <= allowed) {
            budget.chargePatternChars(text.length());
            return find(text);
        }
        budget.cut("a text longer than the structured PII recognizers' character budget");
        int headEnd = TextCuts.backToWhitespace(text, allowed / 2);
        int tailStart = TextCuts.forwardToWhitespace(text, text.length() - (allowed - allowed / 2));
        budget.chargePatternChars(headEnd + text.length() - tailStart);
        List<PiiSpan> spans = new ArrayList<>(find(text.substring(0, headEnd)));
        for (PiiSpan tail : find(text.substring(tailStart))) {
            spans.add(new PiiSpan(tail.type(), tail.start() + tailStart, tail.end() + tailStart, tail.confidence(),
                    tail.value()));
        }
        return spans;
    }
}
