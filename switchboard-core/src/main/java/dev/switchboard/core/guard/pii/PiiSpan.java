package dev.switchboard.core.guard.pii;

import java.util.Objects;

/**
 * One piece of personal data found in a text.
 *
 * <p>{@link #toString()} masks the value: spans end up in debug logs and decision traces, and raw PII must never
 * reach them. Read the value only through {@link #value()} where it is really needed (redaction).
 *
 * @param type what kind of data this is
 * @param start offset of the first char in the scanned text
 * @param end offset one past the last char (exclusive)
 * @param confidence how sure the recognizer is, in [0, 1]
 * @param value the matched text, {@code text.substring(start, end)}
 */
public record PiiSpan(PiiType type, int start, int end, double confidence, String value) {

    public PiiSpan {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span offsets: [" + start + ", " + end + ")");
        }
        if (value.length() != end - start) {
            throw new IllegalArgumentException("value length " + value.length() + " != end - start");
        }
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence outside [0, 1]: " + confidence);
        }
    }

    /** Creates the span covering {@code text[start, end)}. */
    public static PiiSpan of(PiiType type, String text, int start, int end, double confidence) {
        return new PiiSpan(type, start, end, confidence, text.substring(start, end));
    }

    /** Number of chars covered. */
    public int length() {
        return end - start;
    }

    /** True if the two spans share at least one char. */
    public boolean overlaps(PiiSpan other) {
        return start < other.end && other.start < end;
    }

    /** Masks the value; only its length shows. */
    @Override
    public String toString() {
        return "PiiSpan[type=" + type + ", start=" + start + ", end=" + end
                + ", confidence=" + confidence + ", value=<" + length() + " chars masked>]";
    }
}
