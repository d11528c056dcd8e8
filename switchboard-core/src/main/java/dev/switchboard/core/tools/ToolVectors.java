package dev.switchboard.core.tools;

/**
 * The embedded views of one tool: its whole text ({@link ToolTexts#text}), its name in words, and its description.
 * A request names a tool's topic in a word or two more often than it paraphrases the description, so each view is
 * compared with the request on its own ({@link ToolScorer}).
 */
public record ToolVectors(float[] text, float[] name, float[] description) {}
