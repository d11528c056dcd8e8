package dev.switchboard.extproc;

import dev.switchboard.core.request.ApiException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Failures of the ext_proc adapter as the client's OpenAI-style error; unexpected ones are logged here, once. */
final class ExtProcErrors {

    private static final Logger log = LoggerFactory.getLogger(ExtProcErrors.class);

    private ExtProcErrors() {}

    static ApiException asApiException(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ApiException api) {
            return api;
        }
        if (cause instanceof CancellationException) {
            return new ApiException(499, "invalid_request_error", "request_cancelled", null,
                    "The client closed the request.");
        }
        log.error("Unexpected failure while processing an Envoy request", cause);
        return new ApiException(500, "server_error", "internal_error", null,
                "The router failed unexpectedly; the error is logged.");
    }
}
