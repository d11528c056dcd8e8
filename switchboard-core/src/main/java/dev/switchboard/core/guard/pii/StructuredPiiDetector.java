package dev.switchboard.core.guard.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds the personal data that has a fixed shape: e-mail, phone, payment card, US SSN, IBAN, IP address, URL and
 * date. Pure Java with precompiled patterns and checksum validation, so it runs on the request path in
 * microseconds and needs no model. Names, places and organisations are left to the ML head.
 *
 * <p>Overlapping findings are resolved so that every char belongs to at most one span: the longer span wins,
 * then the more confident one. Thread-safe; share one instance.
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
}
