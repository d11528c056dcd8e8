package dev.switchboard.server.auth;

import com.linecorp.armeria.common.Cookie;
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
 * token's digest; everything else gets 401. Client API keys are not admin tokens. A browser cannot add that header
 * to a page it navigates to, so the token is also accepted from the {@value #COOKIE} cookie (same-site only), and a
 * browser asking for a dashboard page without it gets a bare form to enter the token, which sets that cookie: the
 * form holds no dashboard content.
 */
public final class AdminTokenDecorator implements DecoratingHttpServiceFunction {

    private static final Logger log = LoggerFactory.getLogger(AdminTokenDecorator.class);

    /** The cookie a browser presents the admin token in. */
    public static final String COOKIE = "switchboard_admin";

    private final KeyDigest token;

    public AdminTokenDecorator(KeyDigest token) {
        this.token = token;
    }

    @Override
    public HttpResponse serve(HttpService delegate, ServiceRequestContext ctx, HttpRequest req) throws Exception {
        String presented = Authenticator.bearerToken(req.headers().get(HttpHeaderNames.AUTHORIZATION));
        if (presented == null) {
            presented = cookie(req);
        }
        if (presented != null && token.matches(presented)) {
            return delegate.serve(ctx, req);
        }
        req.abort();
        if (LoginPage.wanted(ctx, req)) {
            return LoginPage.response();
        }
        log.debug("Refused admin request {} {} from {}", ctx.method(), ctx.path(), ctx.clientAddress());
        return OpenAiErrors.toAggregated(new ApiException(401, "invalid_request_error", "invalid_admin_token", null,
                "Admin endpoints need `Authorization: Bearer <admin token>` (admin.token)."))
                .toHttpResponse().mapHeaders(h -> h.toBuilder().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer")
                        .build());
    }

    private static String cookie(HttpRequest req) {
        String header = req.headers().get(HttpHeaderNames.COOKIE);
        if (header == null) {
            return null;
        }
        return Cookie.fromCookieHeader(header).stream().filter(c -> c.name().equals(COOKIE)).map(Cookie::value)
                .map(v -> java.net.URLDecoder.decode(v, java.nio.charset.StandardCharsets.UTF_8)) // set encoded
                .findFirst().orElse(null);
    }
}
