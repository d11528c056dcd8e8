package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.encode.Encoding;
import dev.switchboard.core.encode.TextEncoder;
import dev.switchboard.core.pipeline.RouterPipeline;
import dev.switchboard.core.signal.SignalExtractor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One tenant cannot starve the others of the ML path ({@code encoder.tenant_sessions}, {@code encoder.tenant_queue}),
 * through the real proxy: with two sessions and one per tenant, a tenant whose requests hold the encoder runs on one
 * session only, its further requests wait in its own short queue and the one past it gets 429, while another
 * tenant's request is planned and answered on the free session. The encoder is a stand-in that holds every text
 * containing "hold" until the test lets it go, so the test decides when ML work ends; no timing is asserted.
 */
class TenantFairnessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEAVY = "sk-heavy-tenant-0123456789";
    private static final String LIGHT = "sk-light-tenant-0123456789";
    private static final GatedEncoder encoder = new GatedEncoder();
    private static RouterHarness h;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        h = new RouterHarness(yaml -> yaml + """
                encoder: {sessions: 2, tenant_sessions: 1, tenant_queue: 2}
                auth:
                  keys:
                    - {name: heavy, key: %s}
                    - {name: light, key: %s}
                """.formatted(HEAVY, LIGHT),
                config -> new RouterPipeline(config, List.of(new EncodingSignal()), encoder));
    }

    @AfterAll
    static void stop() {
        encoder.release.countDown();
        h.close();
    }

    @Test
    void aHeavyTenantHoldsOneSessionQueuesBrieflyAndLeavesTheOtherToAnotherTenant() throws Exception {
        CompletableFuture<HttpResponse<String>> first = send(HEAVY, "hold: the first heavy request");
        awaitEntered(1);
        List<CompletableFuture<HttpResponse<String>>> more = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            more.add(send(HEAVY, "hold: heavy request " + i));
        }
        HttpResponse<String> refused = (HttpResponse<String>) CompletableFuture.anyOf(more.toArray(
                CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
        assertThat(JSON.readTree(refused.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(JSON.readTree(refused.body()).at("/error/message").asText()).contains("heavy");

        HttpResponse<String> light = send(LIGHT, "a light question while the heavy tenant waits")
                .get(20, TimeUnit.SECONDS);
        assertThat(light.statusCode()).as(light.body()).isEqualTo(200);
        assertThat(encoder.entered.get()).as("the heavy tenant never held the second session").isEqualTo(1);
        assertThat(first).isNotDone();

        encoder.release.countDown();
        assertThat(first.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        long answered = more.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 200).count();
        assertThat(answered).as("the two queued heavy requests run once a session frees").isEqualTo(2);
        assertThat(encoder.entered.get()).isEqualTo(3);
    }

    private CompletableFuture<HttpResponse<String>> send(String key, String text) {
        String body = "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
        HttpRequest req = HttpRequest.newBuilder(URI.create(h.baseUrl() + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                .header("authorization", "Bearer " + key).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofString());
    }

    /** Waits (bounded) until {@code n} held passes have started; the bound only keeps a broken build from hanging. */
    private static void awaitEntered(int n) throws InterruptedException {
        for (int i = 0; i < 400 && encoder.entered.get() < n; i++) {
            Thread.sleep(25);
        }
        assertThat(encoder.entered.get()).isEqualTo(n);
    }

    /** An ML signal that reads the shared pass, so every request runs the encoder on the planner's threads. */
    private static final class EncodingSignal implements SignalExtractor {
        @Override
        public void extract(dev.switchboard.core.request.ChatRequest request,
                            java.util.function.Supplier<Encoding> encoding, dev.switchboard.core.signal.SignalSet out) {
            encoding.get();
        }

        @Override
        public String type() {
            return "encoding";
        }
    }

    /** Encodes instantly, except texts containing "hold", which wait until {@link #release} opens. */
    private static final class GatedEncoder implements TextEncoder {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger entered = new AtomicInteger();

        @Override
        public Encoding encode(String text) {
            if (text.contains("hold")) {
                entered.incrementAndGet();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new Encoding(new float[] {1, 0, 0, 0}, new float[0][], new int[0][], false);
        }

        @Override
        public String modelId() {
            return "gated";
        }

        @Override
        public int dimension() {
            return 4;
        }
    }
}
