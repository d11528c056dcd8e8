package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testing.Fault;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code upstream.retry.retry_in_flight: true}: the operator accepts a possible double generation, so requests that
 * timed out or broke after they were sent are re-sent, on the same model (retries) and then the next one.
 * FailureHandlingTest pins the default, where they are not.
 */
class SafeRetryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RouterHarness h;

    @BeforeAll
    static void start() {
        h = new RouterHarness(yaml -> yaml.replace("retry: {max_attempts: 2,",
                "retry: {retry_in_flight: true, max_attempts: 2,"));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @BeforeEach
    void resetUpstreams() {
        h.resetUpstreams();
    }

    @Test
    void firstByteTimeoutFallsBackWhenOptedIn() throws Exception {
        h.fast.enqueue(Fault.delayHeaders(Duration.ofSeconds(5)), Fault.delayHeaders(Duration.ofSeconds(5)));
        HttpResponse<String> res = h.chat("auto", "urgent", false);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("x-vsr-selected-model")).hasValue("backup");
    }

    @Test
    void resetMidBodyIsRetriedThenFallsBackWhenOptedIn() throws Exception {
        h.fast.enqueue(Fault.resetAfterChunks(1), Fault.resetAfterChunks(1));
        HttpResponse<String> res = h.chat("auto", "urgent", false);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(res.body()).at("/choices/0/message/content").asText())
                .isEqualTo("backup says: urgent");
    }

    @Test
    void unavailableUpstreamsAreStillRetriedAsBefore() throws Exception {
        h.fast.enqueue(Fault.status(503));
        assertThat(h.chat("fast", "hi", false).statusCode()).isEqualTo(200);
        assertThat(h.fast.hits()).isEqualTo(2);
    }
}
