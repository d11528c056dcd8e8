package dev.switchboard.server.api;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.ContentTooLargeException;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.RequestCancellationException;
import com.linecorp.armeria.common.ResponseCompleteException;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.util.Exceptions;
import com.linecorp.armeria.server.HttpStatusException;
import com.linecorp.armeria.server.RequestTimeoutException;
import dev.switchboard.core.adapter.ErrorBodies;
import dev.switchboard.core.request.ApiException;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become client responses: OpenAI-style {@code {"error":{message,type,code,param}}} bodies
 * with the right status. Unexpected exceptions are logged here and reach the client as a plain 500 with no detail.
 */
public final class OpenAiErrors {

    private static final Logger log = LoggerFactory.getLogger(OpenAiErrors.class);

    private OpenAiErrors() {}

    public static HttpResponse response(Throwable failure) {
        return toAggregated(asApiException(failure)).toHttpResponse();
    }

    public static ApiException asApiException(Throwable failure) {
        Throwable cause = Exceptions.peel(failure);
        if (cause instanceof ApiException api) {
            return api;
        }
        if (cause instanceof RequestTimeoutException) {
            return new ApiException(504, "server_error", "request_timeout", null,
                    "The request took longer than this router allows (server.request_timeout).");
        }
        if (cause instanceof ResponseCompleteException || cause instanceof CancellationException
                || cause instanceof com.linecorp.armeria.common.CancellationException
                || cause instanceof RequestCancellationException) {
            // the client went away (or the response already ended): nobody reads this answer, nothing failed
            return new ApiException(499, "invalid_request_error", "request_cancelled", null,
                    "The client closed the request.");
        }
        if (cause instanceof ContentTooLargeException tooLarge) {
            return new ApiException(413, "invalid_request_error", "request_too_large", null,
                    "The request body is larger than the " + tooLarge.maxContentLength()
                            + " bytes this router accepts (server.max_body_bytes).");
        }
        if (cause instanceof HttpStatusException status && status.httpStatus().code() == 413) {
            return new ApiException(413, "invalid_request_error", "request_too_large", null,
                    "The request body is larger than this router accepts (server.max_body_bytes).");
        }
        if (cause instanceof HttpStatusException status) {
            return new ApiException(status.httpStatus().code(), status.httpStatus().code() < 500
                    ? "invalid_request_error" : "server_error", status.httpStatus().codeAsText(), null,
                    status.httpStatus().reasonPhrase());
        }
        log.error("Unexpected failure while serving a request", cause);
        return new ApiException(500, "server_error", "internal_error", null,
                "The router failed unexpectedly; the error is logged.");
    }

    public static AggregatedHttpResponse toAggregated(ApiException e) {
        ResponseHeaders headers = ResponseHeaders.builder(HttpStatus.valueOf(e.status()))
                .contentType(MediaType.JSON_UTF_8).add("x-vsr-response-path", "error").build();
        return AggregatedHttpResponse.of(headers, com.linecorp.armeria.common.HttpData.ofUtf8(ErrorBodies.json(e)));
    }

    /** For statuses Armeria answers itself (404 path, 405 method, 413 length...): the same JSON shape. */
    public static AggregatedHttpResponse forStatus(HttpStatus status, String description) {
        String type = status.code() < 500 ? "invalid_request_error" : "server_error";
        String message = description != null ? description : status.reasonPhrase();
        return toAggregated(new ApiException(status.code(), type, status.codeAsText(), null, message));
    }
}
