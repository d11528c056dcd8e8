package dev.switchboard.core.plan;

import java.util.Locale;

/** How a request was answered; reported in the {@code x-vsr-response-path} header. */
public enum ResponsePath {
    /** A model endpoint answered. */
    UPSTREAM,
    /** A decision's fast_response plugin answered; no model was called. */
    FAST_RESPONSE,
    /** The semantic cache answered; no model was called. */
    CACHE,
    /** A guard refused the request. */
    BLOCKED,
    /** The request failed; the client got an error. */
    ERROR;

    public String headerValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
