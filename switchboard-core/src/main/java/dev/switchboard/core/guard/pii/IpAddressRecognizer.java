package dev.switchboard.core.guard.pii;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IPv4 (dotted quad, each octet 0..255, no leading zeros) and IPv6 (full, compressed with "::", and with an
 * embedded IPv4 tail).
 *
 * <p>A four-part version string such as {@code 1.2.3.4} is a valid IPv4 address and is reported: missing a real
 * address leaks it, while redacting a version number only costs a placeholder that is restored in the response.
 * A version written with a prefix ({@code v1.2.3.4}) or with more parts ({@code 1.2.3.4.5}) is not matched.
 */
final class IpAddressRecognizer extends PatternRecognizer {

    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final String V4 = OCTET + "(?:\\." + OCTET + "){3}";

    private static final Pattern IPV4 = Pattern.compile("(?<![\\w.])" + V4 + "(?![\\w]|\\.\\d)");

    /** Candidates only; {@link #isIpv6} checks group counts, which a readable regex cannot. */
    private static final Pattern IPV6 = Pattern.compile(
            "(?i)(?<![\\w:.])(?:[0-9a-f]{0,4}:){2,7}(?:" + V4 + "|[0-9a-f]{0,4})(?![\\w:]|\\.\\d)");

    IpAddressRecognizer() {
        super(IpAddressRecognizer::separator, 0, 0, IPV4, IPV6);
    }

    /** A '.' between digits (IPv4) or a ':' next to a hex digit or another ':' (IPv6). */
    private static boolean separator(String text, int i) {
        char c = text.charAt(i);
        if (c == '.') {
            return isDigit(text, i - 1) && isDigit(text, i + 1);
        }
        if (c != ':' || i + 1 >= text.length()) {
            return false;
        }
        char next = text.charAt(i + 1);
        return next == ':' || Character.digit(next, 16) >= 0;
    }

    @Override
    PiiSpan accept(Matcher match, String text) {
        if (match.pattern() == IPV6 && !isIpv6(match.group())) {
            return null;
        }
        return PiiSpan.of(PiiType.IP_ADDRESS, text, match.start(), match.end(), 0.9);
    }

    /** At most one "::"; without it exactly eight groups, with it fewer; an IPv4 tail counts as two groups. */
    static boolean isIpv6(String candidate) {
        int doubleColon = candidate.indexOf("::");
        boolean compressed = doubleColon >= 0;
        if (compressed && candidate.indexOf("::", doubleColon + 1) >= 0 || loneColonAtEdge(candidate)) {
            return false;
        }
        int groups = countGroups(candidate);
        return compressed ? groups >= 2 && groups <= 7 : groups == 8;
    }

    /** Non-empty groups, an IPv4 tail counting two; -1 if an IPv4 part is not the last group. */
    private static int countGroups(String candidate) {
        String[] groups = candidate.split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            boolean ipv4 = groups[i].indexOf('.') >= 0;
            if (ipv4 && i != groups.length - 1) {
                return -1;
            }
            count += groups[i].isEmpty() ? 0 : ipv4 ? 2 : 1;
        }
        return count;
    }

    /** ":a:b" and "a:b:" are malformed; only "::" may touch an edge. */
    private static boolean loneColonAtEdge(String s) {
        return s.startsWith(":") && !s.startsWith("::") || s.endsWith(":") && !s.endsWith("::");
    }
}
