package dev.switchboard.server.proxy;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.ClientRequestContext;
import com.linecorp.armeria.client.Endpoint;
import com.linecorp.armeria.client.HttpClient;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.client.endpoint.EndpointGroup;
import com.linecorp.armeria.client.endpoint.EndpointSelectionStrategy;
import com.linecorp.armeria.client.retry.Backoff;
import com.linecorp.armeria.client.retry.RetryConfig;
import com.linecorp.armeria.client.retry.RetryDecision;
import com.linecorp.armeria.client.retry.RetryRule;
import com.linecorp.armeria.client.retry.RetryingClient;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.SessionProtocol;
import com.linecorp.armeria.common.logging.RequestLog;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.common.logging.RequestLogProperty;
import dev.switchboard.core.config.ModelConfig;
import dev.switchboard.core.config.UpstreamSettings;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.plan.RouteTarget;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * An OpenAI-compatible model server reached over HTTP: weighted round-robin across the model's endpoints, with
 * retries of the failures where nothing was processed (the request was never sent, or 502/503/504, 429 honouring
 * {@code Retry-After}) on the next endpoint the balancer picks. Other failures after the request was sent are
 * retried only when the operator opts in ({@code upstream.retry.retry_in_flight}).
 */
final class OpenAiBackend implements ModelBackend {

    private static final Set<HttpStatus> RETRIABLE = Set.of(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE,
            HttpStatus.GATEWAY_TIMEOUT, HttpStatus.TOO_MANY_REQUESTS);

    private final WebClient client;
    private final String path;
    private final String authorization;

    OpenAiBackend(ModelConfig model, UpstreamSettings upstream, ClientFactory factory) {
        List<URI> uris = model.endpoints().stream().map(e -> URI.create(e.url())).toList();
        URI first = uris.get(0);
        for (URI uri : uris) {
            if (!uri.getScheme().equals(first.getScheme()) || !pathOf(uri).equals(pathOf(first))) {
                throw new IllegalArgumentException("model '" + model.name()
                        + "': all endpoints must share scheme and path (" + first + " vs " + uri + ")");
            }
        }
        this.path = pathOf(first) + "/chat/completions";
        var builder = WebClient.builder(SessionProtocol.of(first.getScheme()), endpointGroup(model))
                .factory(factory)
                .responseTimeout(Duration.ZERO) // first-byte and idle timeouts apply on the stream
                .maxResponseLength(0);
        builder.decorator(OpenAiBackend::cancelledWithTheRequest); // inside the retrying client: per attempt
        if (upstream.retry().maxAttempts() > 1) {
            builder.decorator(RetryingClient.newDecorator(retryConfig(upstream.retry())));
        }
        this.client = builder.build();
        this.authorization = model.apiKeyEnv() == null ? null : "Bearer " + System.getenv(model.apiKeyEnv());
    }

    /**
     * Cancels each attempt when the client's request it serves is cancelled (the client went away, or
     * server.request_timeout passed), so the model server stops generating; the call is made with that request's
     * context current ({@code RequestCancellation.push}). Cancelling the retrying client's own context does not
     * reach an attempt in flight, hence a decorator inside it.
     */
    private static HttpResponse cancelledWithTheRequest(HttpClient delegate, ClientRequestContext attempt,
                                                        HttpRequest req) throws Exception {
        ServiceRequestContext request = attempt.root();
        if (request != null) {
            request.whenRequestCancelled()
                    .thenAccept(cause -> attempt.cancel(RequestCancellation.forUpstream(cause)));
        }
        return delegate.execute(attempt, req);
    }

    private static String pathOf(URI uri) {
        String p = uri.getRawPath() == null ? "" : uri.getRawPath();
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private static EndpointGroup endpointGroup(ModelConfig model) {
        List<Endpoint> endpoints = model.endpoints().stream().map(e -> {
            URI uri = URI.create(e.url());
            Endpoint endpoint = uri.getPort() < 0 ? Endpoint.of(uri.getHost()) : Endpoint.of(uri.getHost(), uri.getPort());
            return endpoint.withWeight(e.weight());
        }).toList();
        return EndpointGroup.of(EndpointSelectionStrategy.weightedRoundRobin(), endpoints);
    }

    private static RetryConfig<HttpResponse> retryConfig(UpstreamSettings.RetrySettings retry) {
        Backoff backoff = Backoff.exponential(retry.initialBackoff().toMillis(), retry.maxBackoff().toMillis())
                .withJitter(0.2);
        // onUnprocessed: the request never left (connect failure, no session); safe to send again. Any other
        // exception came after sending, while the upstream may be generating: re-sent only on the operator's say.
        RetryRule failures = retry.retryInFlight()
                ? RetryRule.builder().onUnprocessed().onException().thenBackoff(backoff)
                : RetryRule.builder().onUnprocessed().thenBackoff(backoff);
        RetryRule statuses = (ctx, cause) -> CompletableFuture.completedFuture(
                retryOnStatus(ctx, backoff, retry.maxBackoff()));
        return RetryConfig.builder(RetryRule.of(failures, statuses)).maxTotalAttempts(retry.maxAttempts()).build();
    }

    /**
     * Retries 502/503/504/429. When the upstream says how long to wait ({@code Retry-After} in seconds) that wait
     * is used, capped at max_backoff so one overloaded endpoint cannot stall a request for minutes while the next
     * model could answer now.
     */
    private static RetryDecision retryOnStatus(ClientRequestContext ctx, Backoff backoff, Duration maxBackoff) {
        RequestLog log = ctx.log().getIfAvailable(RequestLogProperty.RESPONSE_HEADERS);
        if (log == null || !RETRIABLE.contains(log.responseHeaders().status())) {
            return RetryDecision.next();
        }
        String retryAfter = log.responseHeaders().get(HttpHeaderNames.RETRY_AFTER);
        if (retryAfter == null || !retryAfter.trim().matches("\\d{1,6}")) {
            return RetryDecision.retry(backoff);
        }
        long millis = Math.min(Long.parseLong(retryAfter.trim()) * 1000, maxBackoff.toMillis());
        return RetryDecision.retry(Backoff.fixed(millis));
    }

    @Override
    public HttpResponse send(RoutePlan plan, RouteTarget target, String clientAuthorization) {
        var headers = RequestHeaders.builder(HttpMethod.POST, path).contentType(MediaType.JSON_UTF_8);
        if (plan.stream()) {
            headers.add("accept", "text/event-stream");
        }
        String sentAuthorization = clientAuthorization != null ? clientAuthorization : authorization;
        if (sentAuthorization != null) {
            headers.add("authorization", sentAuthorization);
        }
        return client.execute(HttpRequest.of(headers.build(), com.linecorp.armeria.common.HttpData.wrap(
                plan.bodyFor(target))));
    }
}
