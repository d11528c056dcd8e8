package dev.switchboard.core.plugin.jailbreak;

/**
 * The jailbreak guard's verdict on a request.
 *
 * @param score   attack probability of the latest user message (its worst window)
 * @param flagged the score reached the threshold
 * @param blocked flagged, and the guard's action is to block
 */
public record JailbreakVerdict(double score, boolean flagged, boolean blocked) {}
