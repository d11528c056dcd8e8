package dev.switchboard.core.guard.pii;

import static dev.switchboard.core.guard.pii.Found.values;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Credit card, US SSN and IBAN: the recognizers whose validation is a checksum or a registry rule. */
class PaymentAndIdRecognizersTest {

    private final PiiRecognizer cards = new CreditCardRecognizer();
    private final PiiRecognizer ssn = new UsSsnRecognizer();
    private final PiiRecognizer iban = new IbanRecognizer();

    @Test
    void cardsOfTheMajorNetworksInPrintedGroupings() {
        assertThat(values(cards, "Visa 4111 1111 1111 1111, MC 5555-5555-5555-4444, Amex 3782 822463 10005"))
                .containsExactly("4111 1111 1111 1111", "5555-5555-5555-4444", "3782 822463 10005");
        assertThat(values(cards, "discover 6011111111111117 and 2-series 2223003122003222."))
                .containsExactly("6011111111111117", "2223003122003222");
    }

    @Test
    void cardsFailingLuhnOrWithoutAKnownIssuerAreIgnored() {
        assertThat(values(cards, "4111 1111 1111 1112")).isEmpty();
        // Passes Luhn, but no network issues cards starting with 1.
        assertThat(values(cards, "tracking 1234567812345670")).isEmpty();
    }

    @Test
    void cardDigitsInsideLongerNumbersOrOddGroupingsAreIgnored() {
        assertThat(values(cards, "id 41111111111111110000")).isEmpty();
        assertThat(values(cards, "41 1111 11111 11111")).isEmpty();
        assertThat(values(cards, "4111 1111-1111 1111")).isEmpty();
        assertThat(values(cards, "amount 4,111,111,111,111,111")).isEmpty();
    }

    @Test
    void dashedSsnNeedsNoContext() {
        assertThat(values(ssn, "it is 536-22-8726.")).containsExactly("536-22-8726");
    }

    @Test
    void ssnValidityRules() {
        assertThat(values(ssn, "000-12-3456 666-12-3456 912-34-5678 123-00-4567 123-45-0000 111-11-1111 078-05-1120"))
                .isEmpty();
    }

    @Test
    void bareOrSpacedSsnNeedsContextWords() {
        assertThat(values(ssn, "My SSN is 536228726")).containsExactly("536228726");
        assertThat(values(ssn, "social security number: 536 22 8726")).containsExactly("536 22 8726");
        assertThat(values(ssn, "order 536228726 shipped")).isEmpty();
        assertThat(values(ssn, "call 536 22 8726")).isEmpty();
    }

    @Test
    void ibanSolidGroupedAndLowerCase() {
        assertThat(values(iban, "pay DE89 3704 0044 0532 0130 00 today"))
                .containsExactly("DE89 3704 0044 0532 0130 00");
        assertThat(values(iban, "GB82WEST12345698765432, NL91ABNA0417164300 and fr1420041010050500013m02606"))
                .containsExactly("GB82WEST12345698765432", "NL91ABNA0417164300", "fr1420041010050500013m02606");
    }

    @Test
    void ibanWithWrongChecksumOrLengthIsIgnored() {
        assertThat(values(iban, "GB82 WEST 1234 5698 7654 33")).isEmpty();
        assertThat(values(iban, "GB82 WEST 1234 5698 7654 3")).isEmpty();
        assertThat(values(iban, "XX82 WEST 1234 5698 7654 32")).isEmpty();
    }

    @Test
    void ibanStopsAtItsRegisteredLengthBeforeAFollowingWord() {
        assertThat(values(iban, "DE89 3704 0044 0532 0130 00 from Anna"))
                .containsExactly("DE89 3704 0044 0532 0130 00");
    }

    @Test
    void checksumsAgreeWithKnownValues() {
        assertThat(Checksums.luhn("4000056655665556")).isTrue();
        assertThat(Checksums.luhn("4000056655665557")).isFalse();
        assertThat(Checksums.ibanMod97("GB82WEST12345698765432")).isTrue();
        assertThat(Checksums.ibanMod97("GB82WEST12345698765433")).isFalse();
    }
}
