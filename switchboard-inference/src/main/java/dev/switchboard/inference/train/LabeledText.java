package dev.switchboard.inference.train;

/** One training or evaluation example: a text and its category label. */
public record LabeledText(String text, String label) {}
