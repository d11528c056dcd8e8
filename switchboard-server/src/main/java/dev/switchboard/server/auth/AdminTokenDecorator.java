package dev.switchboard.server.auth;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.switchboard.core.auth.Authenticator;
import dev.switchboard.core.config.KeyDigest;
import dev.switchboard.core.request.ApiException;
import dev.switchboard.server.api.OpenAiErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits admin requests that carry {@code Authorization: Bearer <admin.token>}, compared in constant time with the
 * token's digest; everything else gets 401. Client API keys are not admin tokens.
 */
public final class AdminTokenDecorator implements DecoratingHttpServiceFunction {

    private static final Logger log = LoggerFactory.getLogger(AdminTokenDecorator.class);

    private final KeyDigest token;

    public AdminTokenDecorator(KeyDigest token) {
        this.token = token;
    }

    @Override
    public HttpResponse serve(HttpService delegate, ServiceRequestContext ctx, HttpRequest req) throws Exception {
        String presented = Authenticator.bearerToken(req.headers().get(HttpHeaderNames.AUTHORIZATION));
        if (presented != null && token.matches(presented)) {
            return delegate.serve(ctx, req);
        }
        req.abort();
        log.debug("Refused admin request {} {} from {}", ctx.method(), ctx.path(), ctx.clientAddress());
        return OpenAiErrors.toAggregated(new ApiException(401, "invalid_request_error", "invalid_admin_token", null,
                "Admin endpoints need `Authorization: Bearer <admin token>` (admin.token)."))
                .toHttpResponse().mapHeaders(h -> h.toBuilder().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer")
                        .build());
    }
}
