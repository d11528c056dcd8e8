package dev.switchboard.inference.encoder;

/** The encoder could not be built or could not run; the message names the file or resource involved. */
public class EncoderException extends RuntimeException {

    public EncoderException(String message) {
        super(message);
    }

    public EncoderException(String message, Throwable cause) {
        super(message, cause);
    }
}
