package dev.switchboard.core.plugin.cache.verify;

import dev.switchboard.core.encode.Encoding;

/**
 * What the verifier knows of one question: its text, its pooled embedding and its {@link TokenSketch}. A request's
 * view comes from its one encoder pass; a cache entry's from what the entry kept.
 *
 * @param text      the question
 * @param embedding L2-normalized pooled embedding
 * @param sketch    token sketch; empty when the entry was stored without one (alignment features then read 0)
 */
public record QuestionView(String text, float[] embedding, byte[] sketch) {

    /** The view of a freshly encoded question. */
    public static QuestionView of(String text, Encoding encoding) {
        return new QuestionView(text, encoding.embedding(), TokenSketch.of(text, encoding));
    }
}
