package dev.switchboard.inference.encoder;

/** How token states become one sentence embedding. */
public enum Pooling {
    /** Average of all token states (sentence-transformers convention, e.g. all-MiniLM-L6-v2). */
    MEAN,
    /** The state of the leading [CLS] token (BGE convention). */
    CLS
}
