package dev.switchboard.core.guard.pii;

/** Check-digit algorithms that separate real identifiers from look-alike digit runs. */
final class Checksums {

    private Checksums() {}

    /** Luhn (mod 10) check used by payment cards; {@code digits} holds only '0'..'9'. */
    static boolean luhn(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    /**
     * ISO 13616 check: move the first four chars to the end, letters to 10..35, and the number mod 97 must be 1.
     * Computed digit by digit so no BigInteger is needed; {@code iban} is upper-case alphanumeric.
     */
    static boolean ibanMod97(String iban) {
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            int value = Character.digit(rearranged.charAt(i), 36);
            if (value < 0) {
                return false;
            }
            remainder = value > 9 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
        }
        return remainder == 1;
    }
}
