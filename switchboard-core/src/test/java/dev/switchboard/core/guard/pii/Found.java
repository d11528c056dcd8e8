package dev.switchboard.core.guard.pii;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Test helper: the values a recognizer reports after overlap resolution, in text order. */
final class Found {

    private Found() {}

    static List<String> values(PiiRecognizer recognizer, String text) {
        return OverlapResolver.resolve(recognizer.find(text)).stream()
                .sorted(Comparator.comparingInt(PiiSpan::start))
                .map(PiiSpan::value)
                .distinct()
                .collect(Collectors.toList());
    }

    static List<String> values(PiiRecognizer recognizer, String text, PiiType type) {
        return OverlapResolver.resolve(recognizer.find(text)).stream()
                .filter(span -> span.type() == type)
                .sorted(Comparator.comparingInt(PiiSpan::start))
                .map(PiiSpan::value)
                .distinct()
                .collect(Collectors.toList());
    }
}
