package dev.switchboard.extproc;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.client.grpc.GrpcClients;
import io.envoyproxy.envoy.config.core.v3.HeaderValueOption;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.service.ext_proc.v3.CommonResponse;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stopping the ext_proc listener (SIGTERM, a rolling update) lets Envoy's streams in flight finish: a request already
 * routed still gets its response phase (headers annotated, usage read, listeners told) while the listener stops.
 */
class ExtProcDrainTest {

    private static final String ANSWER = "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"x^4/4\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,"
            + "\"completion_tokens\":5}}";

    @Test
    void aStreamInFlightFinishesWhileTheListenerStops() throws Exception {
        byte[] body = ("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"What is the integral of x^3?\"}]}").getBytes(StandardCharsets.UTF_8);
        try (RouterFixture fixture = new RouterFixture();
             EnvoyCall envoy = new EnvoyCall(fixture.extProc.port(), BodySendMode.BUFFERED, BodySendMode.BUFFERED)) {
            envoy.requestHeaders(Map.of(":method", "POST", ":path", "/v1/chat/completions",
                    "content-type", "application/json", "authorization", "Bearer " + RouterFixture.KEY), false);
            assertThat(envoy.requestBody(body, true).getRequestBody().getResponse().getClearRouteCache()).isTrue();

            int port = fixture.extProc.port();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(fixture.extProc::close);
            awaitNotServing(port);

            CommonResponse annotated = envoy.responseHeaders(Map.of(":status", "200", "content-type",
                    "application/json"), false).getResponseHeaders().getResponse();
            assertThat(annotated.getHeaderMutation().getSetHeadersList()).extracting(HeaderValueOption::getHeader)
                    .anySatisfy(h -> assertThat(h.getKey()).isEqualTo("x-vsr-selected-model"));
            envoy.responseBody(ANSWER.getBytes(StandardCharsets.UTF_8), true);
            assertThat(envoy.closeAndAwait()).as("the stream ends cleanly, not reset by the stop").isTrue();

            stopping.get(30, TimeUnit.SECONDS);
            assertThat(fixture.ends.next()).isEqualTo(new RequestEnds.End("answered", 5));
        }
    }

    /** Envoy's health check turns NOT_SERVING (or is refused) once the listener has begun to stop. */
    private static void awaitNotServing(int port) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            try {
                ServingStatus status = GrpcClients.newClient("http://127.0.0.1:" + port,
                        HealthGrpc.HealthBlockingStub.class).check(HealthCheckRequest.getDefaultInstance())
                        .getStatus();
                if (status != ServingStatus.SERVING) {
                    return;
                }
            } catch (RuntimeException refused) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the ext_proc listener never began to stop");
    }
}
