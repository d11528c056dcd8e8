/**
 * PII detection, redaction and restoration for the guard plugin.
 *
 * <p>{@link dev.switchboard.core.guard.pii.StructuredPiiDetector} finds data with a fixed shape (e-mail, phone,
 * payment card, US SSN, IBAN, IP address, URL, date) with validated patterns; an ML token classifier adds names,
 * places and organisations through the same {@link dev.switchboard.core.guard.pii.PiiRecognizer} contract.
 * {@link dev.switchboard.core.guard.pii.Redactor} swaps spans for typed placeholders before a request goes to a
 * model that must not see them, and {@link dev.switchboard.core.guard.pii.Restorer} (or its streaming variant)
 * puts the values back in the answer. Raw values never appear in {@code toString()} output.
 */
package dev.switchboard.core.guard.pii;
