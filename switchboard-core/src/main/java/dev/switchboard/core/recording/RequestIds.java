package dev.switchboard.core.recording;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The request id clients see ({@code x-vsr-request-id}) and send back with their feedback: this process's random
 * prefix and the request's sequence number, so ids from two replicas or two runs never collide.
 */
public final class RequestIds {

    private static final String PROCESS = HexFormat.of().formatHex(seed());

    private RequestIds() {}

    /** The external form of the listener id {@code id}. */
    public static String external(long id) {
        return "req-" + PROCESS + "-" + id;
    }

    private static byte[] seed() {
        byte[] bytes = new byte[6];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
