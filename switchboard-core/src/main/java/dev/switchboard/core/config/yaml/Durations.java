package dev.switchboard.core.config.yaml;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the duration syntax of the configuration: {@code 250ms}, {@code 3s}, {@code 1m}, {@code 1h}. */
final class Durations {

    static final String EXPECTED = "write it like 500ms, 3s, 1m or 1h; a bare number means milliseconds";

    private static final Pattern SYNTAX = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private Durations() {}

    /** @throws IllegalArgumentException if {@code text} is not a duration */
    static Duration parse(String text) {
        Matcher matcher = SYNTAX.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("`" + text + "` is not a duration");
        }
        long amount;
        try {
            amount = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("`" + text + "` is too large");
        }
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
    }
}
