package dev.switchboard.core.guard.pii;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * International bank account numbers: country code, two check digits, then the national account number (BBAN),
 * written solid or in groups of four separated by single spaces. The country's registered length and the
 * mod-97 check must both hold; together they make false positives practically impossible.
 */
final class IbanRecognizer extends PatternRecognizer {

    private static final Pattern IBAN = Pattern.compile(
            "(?i)(?<![\\w-])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![\\w-])");

    /** IBAN length per country (SWIFT IBAN registry). */
    private static final Map<String, Integer> LENGTHS = lengths(
            "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DK18 DO28 EE20 EG29"
                    + " ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30"
                    + " KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18 NO15 PK24"
                    + " PL28 PS29 PT25 QA29 RO24 RS22 SA24 SC31 SE24 SI19 SK24 SM27 ST25 SV28 TL23 TN24 TR26 UA29"
                    + " VA22 VG24 XK20");

    IbanRecognizer() {
        super(DIGIT, REACH, 4, IBAN);
    }

    @Override
    PiiSpan accept(Matcher match, String text) {
        Integer expected = LENGTHS.get(match.group().substring(0, 2).toUpperCase(Locale.ROOT));
        int end = expected == null ? -1 : endAfter(text, match.start(), match.end(), expected);
        if (end < 0) {
            return null;
        }
        String compact = text.substring(match.start(), end).replace(" ", "").toUpperCase(Locale.ROOT);
        if (!Checksums.ibanMod97(compact)) {
            return null;
        }
        return PiiSpan.of(PiiType.IBAN_CODE, text, match.start(), end, 0.95);
    }

    /**
     * Where the IBAN ends when it holds {@code length} alphanumerics; -1 if the match is shorter or the cut
     * falls inside a word. The pattern is greedy, so "DE89 3704 0044 0532 0130 00 from" first swallows "from".
     */
    private static int endAfter(String text, int start, int end, int length) {
        int seen = 0;
        for (int i = start; i < end; i++) {
            if (text.charAt(i) != ' ' && ++seen == length) {
                boolean boundary = i + 1 == end || text.charAt(i + 1) == ' ';
                return boundary ? i + 1 : -1;
            }
        }
        return -1;
    }

    private static Map<String, Integer> lengths(String table) {
        Map<String, Integer> lengths = new java.util.HashMap<>();
        for (String entry : table.split(" ")) {
            lengths.put(entry.substring(0, 2), Integer.parseInt(entry.substring(2)));
        }
        return Map.copyOf(lengths);
    }
}
