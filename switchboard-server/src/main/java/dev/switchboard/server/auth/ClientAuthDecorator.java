package dev.switchboard.server.auth;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.switchboard.core.auth.AuthResult;
import dev.switchboard.core.auth.Authenticator;
import dev.switchboard.core.auth.Denial;
import dev.switchboard.core.auth.RateLimits;
import dev.switchboard.core.auth.Tenant;
import dev.switchboard.core.config.AuthSettings;
import dev.switchboard.core.listener.RouterListener;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client authentication and rate limiting in front of every API route except the open ones (health, readiness):
 * a request without a valid key gets 401 before its body is read; an authenticated request's body is read (within
 * {@code server.max_body_bytes}) to charge its estimated prompt tokens, size / 4, to the tenant's limits, and one
 * over a limit gets 429 with {@code Retry-After}. With limits shared through a database the check runs on the
 * store's threads and the request comes back to its event loop. The tenant is left on the context for
 * {@link RequestTenant}.
 * The key settings follow config reloads.
 */
public final class ClientAuthDecorator implements DecoratingHttpServiceFunction {

    private static final Logger log = LoggerFactory.getLogger(ClientAuthDecorator.class);
    /** About four bytes per token; JSON syntax counts too, so this leans towards over-charging the prompt. */
    private static final int BYTES_PER_TOKEN = 4;

    private final Supplier<AuthSettings> settings;
    private final Set<String> openPaths;
    private final RateLimits limits;
    private final RouterListener listener;

    /**
     * @param openPaths paths served without a client key (they answer nothing about requests or models, or have
     *                  an authentication of their own); an entry ending in {@code /} opens every path below it
     * @param listener  hears each authentication result and the prompt tokens charged (metrics count them)
     */
    public ClientAuthDecorator(Supplier<AuthSettings> settings, Set<String> openPaths, RateLimits limits,
                               RouterListener listener) {
        this.settings = settings;
        this.openPaths = Set.copyOf(openPaths);
        this.limits = limits;
        this.listener = listener;
    }

    private boolean isOpen(String path) {
        return openPaths.contains(path) || openPaths.stream().anyMatch(p -> p.endsWith("/") && path.startsWith(p));
    }

    @Override
    public HttpResponse serve(HttpService delegate, ServiceRequestContext ctx, HttpRequest req) throws Exception {
        Authenticator authenticator = new Authenticator(settings.get());
        if (!authenticator.enabled() || isOpen(ctx.path())) {
            return delegate.serve(ctx, req);
        }
        AuthResult result = authenticator.authenticate(name -> req.headers().get(name));
        if (result instanceof AuthResult.Denied denied) {
            req.abort();
            return deny(ctx, "-", denied.denial());
        }
        Tenant tenant = ((AuthResult.Allowed) result).tenant();
        RequestTenant.set(ctx, tenant);
        return HttpResponse.of(req.aggregate().thenCompose(body -> {
            long estimate = body.content().length() / BYTES_PER_TOKEN;
            return onEventLoop(ctx, limits.tryAcquire(tenant, estimate))
                    .thenApply(limited -> admit(delegate, ctx, tenant, body, estimate, limited));
        }));
    }

    /**
     * A shared limit store answers on its own threads (it blocks on a database); the service must be called back
     * on the request's event loop. Limits kept in memory have answered already and need no hop.
     */
    private static <T> CompletableFuture<T> onEventLoop(ServiceRequestContext ctx, CompletableFuture<T> answer) {
        return answer.isDone() ? answer : answer.thenApplyAsync(Function.identity(), ctx.eventLoop());
    }

    private HttpResponse admit(HttpService delegate, ServiceRequestContext ctx, Tenant tenant,
                               AggregatedHttpRequest body, long estimate, Optional<Denial> limited) {
        if (limited.isPresent()) {
            return deny(ctx, tenant.name(), limited.get());
        }
        listener.tenantAuthenticated(tenant.name(), "allowed");
        listener.tenantCharged(tenant.name(), estimate);
        try {
            return delegate.serve(ctx, body.toHttpRequest());
        } catch (Exception e) {
            return HttpResponse.ofFailure(e);
        }
    }

    private HttpResponse deny(ServiceRequestContext ctx, String tenant, Denial denial) {
        listener.tenantAuthenticated(tenant, denial.reason());
        // debug: a flood of bad keys must not flood the log; the metrics listener counts it
        log.debug("Refused {} {} from {} (tenant {}): {}", ctx.method(), ctx.path(), ctx.clientAddress(), tenant,
                denial.reason());
        return Denials.response(denial);
    }
}
