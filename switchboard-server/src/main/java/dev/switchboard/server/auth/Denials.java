package dev.switchboard.server.auth;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import dev.switchboard.core.auth.Denial;
import dev.switchboard.server.api.OpenAiErrors;

/** Renders a {@link Denial} as the OpenAI-style error response, with the headers its status calls for. */
public final class Denials {

    private Denials() {}

    public static HttpResponse response(Denial denial) {
        return OpenAiErrors.toAggregated(denial.error()).toHttpResponse().mapHeaders(headers -> {
            var builder = headers.toBuilder();
            if (denial.retryAfterSeconds() > 0) {
                builder.set(HttpHeaderNames.RETRY_AFTER, Long.toString(denial.retryAfterSeconds()));
            }
            if (denial.status() == 401) {
                builder.set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
            }
            return builder.build();
        });
    }
}
