package dev.switchboard.server.proxy;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.Endpoint;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.client.endpoint.EndpointGroup;
import com.linecorp.armeria.client.endpoint.EndpointSelectionStrategy;
import com.linecorp.armeria.client.retry.Backoff;
import com.linecorp.armeria.client.retry.RetryConfig;
import com.linecorp.armeria.client.retry.RetryRule;
import com.linecorp.armeria.client.retry.RetryingClient;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.SessionProtocol;
import dev.switchboard.core.config.ModelConfig;
import dev.switchboard.core.config.UpstreamSettings;
import dev.switchboard.core.pipeline.RoutePlan;
import dev.switchboard.core.pipeline.RouteTarget;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * An OpenAI-compatible model server reached over HTTP: weighted round-robin across the model's endpoints, with
 * retries of retriable failures (connection failures, 502/503/504, 429 honouring {@code Retry-After}) on the next
 * endpoint the balancer picks.
 */
final class OpenAiBackend implements ModelBackend {

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
        this.client = WebClient.builder(SessionProtocol.of(first.getScheme()), endpointGroup(model))
                .factory(factory)
                .responseTimeout(Duration.ZERO) // first-byte and idle timeouts apply on the stream
                .maxResponseLength(0)
                .decorator((delegate, ctx, req) -> delegate.execute(ctx, req)
                        .mapHeaders(h -> capRetryAfter(h, upstream.retry().maxBackoff())))
                .decorator(RetryingClient.newDecorator(retryConfig(upstream.retry())))
                .build();
        this.authorization = model.apiKeyEnv() == null ? null : "Bearer " + System.getenv(model.apiKeyEnv());
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
        RetryRule rule = RetryRule.builder()
                .onUnprocessed()
                .onException()
                .onStatus(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE, HttpStatus.GATEWAY_TIMEOUT,
                        HttpStatus.TOO_MANY_REQUESTS)
                .thenBackoff(backoff);
        return RetryConfig.builder(rule).maxTotalAttempts(retry.maxAttempts()).build();
    }

    /**
     * The retrying client waits as long as an upstream's {@code Retry-After} asks; cap it at max_backoff so one
     * overloaded endpoint cannot stall a request for minutes when the next model could answer now.
     */
    private static ResponseHeaders capRetryAfter(ResponseHeaders headers, Duration max) {
        String value = headers.get(HttpHeaderNames.RETRY_AFTER);
        if (value == null) {
            return headers;
        }
        long seconds;
        try {
            seconds = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return headers; // an HTTP date: rare from LLM servers, left to the retrying client
        }
        long capped = Math.min(seconds, Math.max(1, max.toSeconds()));
        return headers.toBuilder().set(HttpHeaderNames.RETRY_AFTER, Long.toString(capped)).build();
    }

    @Override
    public HttpResponse send(RoutePlan plan, RouteTarget target) {
        var headers = RequestHeaders.builder(HttpMethod.POST, path).contentType(MediaType.JSON_UTF_8);
        if (plan.stream()) {
            headers.add("accept", "text/event-stream");
        }
        if (authorization != null) {
            headers.add("authorization", authorization);
        }
        return client.execute(HttpRequest.of(headers.build(), com.linecorp.armeria.common.HttpData.wrap(
                plan.bodyFor(target))));
    }
}
