package dev.switchboard.inference.head;

/** A head was trained on another encoder's embeddings (or is not a head file at all) and must not be used. */
public class IncompatibleHeadException extends RuntimeException {

    public IncompatibleHeadException(String message) {
        super(message);
    }
}
