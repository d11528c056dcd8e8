package dev.switchboard.server.health;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.switchboard.core.request.ApiException;
import dev.switchboard.server.api.OpenAiErrors;
import java.util.Set;

/**
 * While the router is starting (port open, models still loading), answers every request except health and
 * readiness with 503 {@code not_ready} and a {@code Retry-After}, instead of letting it reach services whose
 * pipeline does not exist yet.
 */
public final class ReadinessGate implements DecoratingHttpServiceFunction {

    private final Readiness readiness;
    private final Set<String> openPaths;

    public ReadinessGate(Readiness readiness, Set<String> openPaths) {
        this.readiness = readiness;
        this.openPaths = Set.copyOf(openPaths);
    }

    @Override
    public HttpResponse serve(HttpService delegate, ServiceRequestContext ctx, HttpRequest req) throws Exception {
        if (readiness.serving() || openPaths.contains(ctx.path())) {
            return delegate.serve(ctx, req);
        }
        ApiException notReady = new ApiException(503, "server_error", "not_ready", null,
                "The router is still loading its models; retry shortly (GET /ready says when it is ready).");
        AggregatedHttpResponse error = OpenAiErrors.toAggregated(notReady);
        return AggregatedHttpResponse.of(error.headers().toBuilder().add("retry-after", "1").build(),
                error.content()).toHttpResponse();
    }
}
