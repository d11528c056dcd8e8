package dev.switchboard.extproc;

import dev.switchboard.core.adapter.CacheRequestHeaders;
import dev.switchboard.core.adapter.LocalAnswer;
import dev.switchboard.core.adapter.LocalAnswers;
import dev.switchboard.core.adapter.RouterHandle;
import dev.switchboard.core.adapter.VsrHeaders;
import dev.switchboard.core.auth.AuthResult;
import dev.switchboard.core.auth.Authenticator;
import dev.switchboard.core.auth.Denial;
import dev.switchboard.core.auth.Tenant;
import dev.switchboard.core.listener.RequestEvents;
import dev.switchboard.core.pipeline.RouterPipeline;
import dev.switchboard.core.pipeline.stage.RequestContext;
import dev.switchboard.core.plan.ResponsePath;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plan.RouteTarget;
import dev.switchboard.core.request.ApiException;
import dev.switchboard.core.request.ChatRequest;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpBody;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The request half of one exchange: authenticates on the headers, gathers the body (one buffered message, or
 * streamed chunks held back until the last), plans it with the pipeline, and answers Envoy with the rewritten body
 * and the {@code x-selected-model} header to route on, or with an immediate response the router writes itself.
 */
final class RequestPhase {

    static final String SELECTED_MODEL = "x-selected-model";
    private static final String CHAT_PATH = "/v1/chat/completions";
    /** Answer without a client key, as on the API port: they say only whether the process is alive and ready. */
    private static final Set<String> OPEN_PATHS = Set.of("/health", "/ready");
    /** About four bytes per token, as the HTTP proxy charges a prompt on entry. */
    private static final int BYTES_PER_TOKEN = 4;

    private final RouterHandle router;
    private final Exchange exchange;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private boolean bodyHeldBack;
    private BodySendMode bodyMode = BodySendMode.BUFFERED;

    RequestPhase(RouterHandle router, Exchange exchange) {
        this.router = router;
        this.exchange = exchange;
    }

    /** The request headers: who is asking, and whether this is a request the router plans. */
    ProcessingResponse onHeaders(Map<String, String> headers, boolean endOfStream, BodySendMode bodyMode,
                                 BodySendMode responseBodyMode) {
        exchange.requestHeaders = headers;
        this.bodyMode = bodyMode;
        String path = path(headers.getOrDefault(":path", ""));
        if (!OPEN_PATHS.contains(path)) {
            Optional<ProcessingResponse> denied = authenticate(headers);
            if (denied.isPresent()) {
                return denied.get();
            }
        }
        boolean chat = path.endsWith(CHAT_PATH) && "POST".equalsIgnoreCase(headers.get(":method"));
        // Either way the route header is only ever the router's to set: a client's own is removed.
        if (!chat) {
            // not ours to route: pass through
            return EnvoyMessages.requestHeaders(CommonResponse.newBuilder()
                    .setHeaderMutation(EnvoyMessages.mutation(Map.of(), SELECTED_MODEL)).build());
        }
        exchange.events = RequestEvents.start(router.listener());
        if (endOfStream) {
            return immediateError(emptyBodyError()); // nothing to route, and never passed on unread
        }
        if (bodyMode == BodySendMode.NONE || bodyMode == BodySendMode.FULL_DUPLEX_STREAMED
                || responseBodyMode == BodySendMode.FULL_DUPLEX_STREAMED) {
            // NONE would let the body through unread: no guard, no routing. Refuse rather than fail open.
            return immediateError(new ApiException(500, "server_error", "extproc_misconfigured", null,
                    "The Envoy ext_proc filter's processing_mode is not one Switchboard serves: use request_body_mode"
                            + " BUFFERED (or STREAMED) and response_body_mode STREAMED, BUFFERED or NONE."));
        }
        // STREAMED: headers go upstream before the body is read; its length will change, so it must not be announced
        return EnvoyMessages.requestHeaders(CommonResponse.newBuilder().setHeaderMutation(
                bodyMode == BodySendMode.STREAMED ? EnvoyMessages.mutation(Map.of(), SELECTED_MODEL, "content-length")
                        : EnvoyMessages.mutation(Map.of(), SELECTED_MODEL)).build());
    }

    /** The HTTP proxy's answer to an empty body, word for word. */
    private static ApiException emptyBodyError() {
        try {
            ChatRequest.parse(new byte[0]);
            return ApiException.invalidRequest(null, "The request body is empty.");
        } catch (ApiException e) {
            return e;
        }
    }

    private Optional<ProcessingResponse> authenticate(Map<String, String> headers) {
        AuthResult result = new Authenticator(router.config().auth()).authenticate(headers::get);
        if (result instanceof AuthResult.Denied denied) {
            router.listener().tenantAuthenticated("-", denied.denial().reason());
            return Optional.of(denial(denied.denial()));
        }
        exchange.tenant = ((AuthResult.Allowed) result).tenant();
        return Optional.empty();
    }

    /** True while this exchange is a chat request being planned or relayed. */
    boolean routes() {
        return exchange.events != null;
    }

    /**
     * One body message. A chunk before the last is held back (replaced by nothing) so the model receives only the
     * rewritten body; the last one completes the future once the pipeline has planned.
     */
    CompletableFuture<ProcessingResponse> onBody(HttpBody chunk) {
        if (!routes()) {
            return CompletableFuture.completedFuture(EnvoyMessages.requestBody(EnvoyMessages.unchanged()));
        }
        body.writeBytes(chunk.getBody().toByteArray());
        long limit = router.config().server().maxBodyBytes();
        if (body.size() > limit) {
            return CompletableFuture.completedFuture(immediateError(new ApiException(413, "invalid_request_error",
                    "request_too_large", null, "The request body is larger than the " + limit
                            + " bytes this router accepts (server.max_body_bytes).")));
        }
        if (!chunk.getEndOfStream() && bodyMode == BodySendMode.BUFFERED_PARTIAL) {
            // Envoy's buffer filled up: it would send the rest of the body on to the model unread
            return CompletableFuture.completedFuture(immediateError(new ApiException(413, "invalid_request_error",
                    "request_too_large", null, "The request body is larger than the proxy's buffer "
                            + "(Envoy's per_connection_buffer_limit_bytes).")));
        }
        if (!chunk.getEndOfStream()) {
            bodyHeldBack = true;
            return CompletableFuture.completedFuture(EnvoyMessages.requestBody(EnvoyMessages.replaceBody(new byte[0])));
        }
        return plan();
    }

    /**
     * Request trailers end the body, but Envoy takes no body mutation in their answer: the body held back so far
     * can be neither rewritten nor guarded, so the request is refused rather than passed on unread.
     */
    ProcessingResponse onTrailers() {
        if (!routes() || exchange.plan != null || exchange.planning != null) {
            return EnvoyMessages.trailers(true);
        }
        return immediateError(ApiException.invalidRequest(null,
                "Requests with trailers cannot be routed; send the body without trailers."));
    }

    private CompletableFuture<ProcessingResponse> plan() {
        Tenant tenant = exchange.tenant;
        long estimate = body.size() / BYTES_PER_TOKEN;
        // a shared limit store answers on its own threads; planning then goes on from there
        return router.limits().tryAcquire(tenant, estimate).thenCompose(limited -> plan(tenant, estimate, limited));
    }

    private CompletableFuture<ProcessingResponse> plan(Tenant tenant, long estimate, Optional<Denial> limited) {
        if (!tenant.isAnonymous()) { // the same tenant events as the HTTP proxy's authentication
            router.listener().tenantAuthenticated(tenant.name(), limited.map(Denial::reason).orElse("allowed"));
        }
        if (limited.isPresent()) {
            return CompletableFuture.completedFuture(denial(limited.get()));
        }
        if (!tenant.isAnonymous()) {
            router.listener().tenantCharged(tenant.name(), estimate);
        }
        RouterPipeline pipeline = router.pipeline().get();
        CompletableFuture<RoutePlan> planned;
        try {
            // parsed where it is planned, in the tenant's lane (as the HTTP proxy does): not on the thread that
            // answered the limit check, which may be an event loop or one of a shared limit store's few threads
            planned = router.planner().plan(pipeline, tenant.isAnonymous() ? null : tenant.name(),
                    () -> context(parse(tenant)));
        } catch (RuntimeException e) {
            planned = CompletableFuture.failedFuture(e);
        }
        exchange.planning = planned;
        return planned.thenApply(plan -> {
            exchange.plan = plan;
            checkDecision(tenant, plan);
            return answer(pipeline, plan);
        }).exceptionally(this::failed);
    }

    private ChatRequest parse(Tenant tenant) {
        ChatRequest request = ChatRequest.parse(body.toByteArray()).withCacheMinSimilarity(
                CacheRequestHeaders.minSimilarity(exchange.requestHeaders.get(CacheRequestHeaders.MIN_SIMILARITY)));
        tenant.checkModel(request.model()).ifPresent(denial -> {
            router.listener().tenantRefused(tenant.name(), denial.reason());
            throw denial.error();
        });
        return request;
    }

    private RequestContext context(ChatRequest request) {
        boolean useCache = !"no-cache".equalsIgnoreCase(exchange.requestHeaders.get(VsrHeaders.CACHE_CONTROL));
        RequestContext context = RequestContext.of(request, useCache, exchange.events);
        return exchange.tenant.isAnonymous() ? context : context.tenant(exchange.tenant.name());
    }

    private void checkDecision(Tenant tenant, RoutePlan plan) {
        tenant.checkDecision(plan.decision()).ifPresent(denial -> {
            router.listener().tenantRefused(tenant.name(), denial.reason());
            throw denial.error();
        });
    }

    private ProcessingResponse answer(RouterPipeline pipeline, RoutePlan plan) {
        if (plan.path() != ResponsePath.UPSTREAM) {
            exchange.events.answered(plan, null);
            exchange.ended = true;
            return EnvoyMessages.immediate(LocalAnswers.of(plan, exchange.debug()), Map.of());
        }
        RouteTarget target = plan.targets().get(0);
        exchange.target = target;
        exchange.pipeline = pipeline;
        exchange.sentNanos = System.nanoTime();
        exchange.events.attemptStarted(target); // Envoy sends it on: one attempt, the metrics' model request
        byte[] rewritten = plan.bodyFor(target);
        return EnvoyMessages.requestBody(CommonResponse.newBuilder()
                .setHeaderMutation(upstreamHeaders(target, rewritten.length))
                .setBodyMutation(EnvoyMessages.replaceBody(rewritten).getBodyMutation())
                .setClearRouteCache(true).build());
    }

    /**
     * The header to route on, the new body length (unless the headers already went upstream with the first
     * chunk), and the credential the model gets: the model's own key, the client's when its tenant passes it on,
     * and otherwise none: the client's router key never reaches a model.
     */
    private io.envoyproxy.envoy.service.ext_proc.v3.HeaderMutation upstreamHeaders(RouteTarget target, int length) {
        Map<String, String> set = new LinkedHashMap<>();
        set.put(SELECTED_MODEL, target.model().name());
        if (!bodyHeldBack) {
            set.put("content-length", Integer.toString(length));
        }
        String modelKey = target.model().apiKeyEnv() == null ? null : System.getenv(target.model().apiKeyEnv());
        if (exchange.tenant.passesClientKey()) {
            return EnvoyMessages.mutation(set);
        }
        if (modelKey != null) {
            set.put("authorization", "Bearer " + modelKey);
            return EnvoyMessages.mutation(set);
        }
        return EnvoyMessages.mutation(set, "authorization");
    }

    private ProcessingResponse failed(Throwable failure) {
        ApiException error = ExtProcErrors.asApiException(failure);
        exchange.events.failed(exchange.plan, error.code(), null);
        exchange.ended = true;
        return EnvoyMessages.immediate(LocalAnswers.error(error), Map.of());
    }

    private ProcessingResponse immediateError(ApiException error) {
        if (exchange.events != null) {
            exchange.events.failed(exchange.plan, error.code(), null);
            exchange.ended = true;
        }
        return EnvoyMessages.immediate(LocalAnswers.error(error), Map.of());
    }

    private ProcessingResponse denial(Denial denial) {
        if (exchange.events != null) {
            exchange.events.failed(null, denial.error().code(), null);
            exchange.ended = true;
        }
        Map<String, String> extra = new LinkedHashMap<>();
        if (denial.retryAfterSeconds() > 0) {
            extra.put("retry-after", Long.toString(denial.retryAfterSeconds()));
        }
        if (denial.status() == 401) {
            extra.put("www-authenticate", "Bearer");
        }
        return EnvoyMessages.immediate(LocalAnswers.error(denial.error()), extra);
    }

    private static String path(String pathAndQuery) {
        int query = pathAndQuery.indexOf('?');
        return query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
    }
}
