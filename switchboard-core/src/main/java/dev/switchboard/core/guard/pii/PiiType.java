package dev.switchboard.core.guard.pii;

/**
 * Kinds of personal data the guard can find. Names follow Microsoft Presidio's entity names where Presidio has
 * one, so policies and evaluation data written for Presidio carry over. Presidio's {@code DOMAIN_NAME} is folded
 * into {@link #URL}: both point at a web location and are treated alike by policy.
 */
public enum PiiType {
    EMAIL_ADDRESS,
    PHONE_NUMBER,
    CREDIT_CARD,
    US_SSN,
    IBAN_CODE,
    IP_ADDRESS,
    URL,
    DATE_TIME,
    /** Found by the ML token-classification head, not by the structured recognizers. */
    PERSON,
    /** Found by the ML token-classification head, not by the structured recognizers. */
    LOCATION,
    /** Found by the ML token-classification head, not by the structured recognizers. */
    ORGANIZATION,
    /** Postal address; found by the ML head. */
    ADDRESS
}
