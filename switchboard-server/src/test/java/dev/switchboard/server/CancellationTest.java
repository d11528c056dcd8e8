package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testing.Fault;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that goes away, or a request past {@code server.request_timeout}, stops the upstream call: the test
 * upstream sees its request cancelled instead of generating for nobody.
 */
class CancellationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static RouterHarness h;
    /** The same router with a 3s request timeout, and first-byte and idle timeouts longer than the gaps used. */
    private static RouterHarness timed;

    @BeforeAll
    static void start() {
        h = new RouterHarness(yaml -> yaml.replace("first_byte_timeout: 2s", "first_byte_timeout: 30s"));
        timed = new RouterHarness(yaml -> yaml
                .replace("max_body_bytes: 65536}", "max_body_bytes: 65536, request_timeout: 3s}")
                .replace("idle_timeout: 500ms", "idle_timeout: 5s")
                .replace("first_byte_timeout: 2s", "first_byte_timeout: 30s"));
    }

    @AfterAll
    static void stop() {
        h.close();
        timed.close();
    }

    @BeforeEach
    void resetUpstreams() {
        h.resetUpstreams();
        timed.resetUpstreams();
    }

    @Test
    void clientDisconnectingMidStreamCancelsTheUpstreamRequest() throws Exception {
        h.fast.chunkDelay(Duration.ofMillis(300));
        try (Socket client = open(true)) {
            InputStream in = client.getInputStream();
            String seen = "";
            while (!seen.contains("data:")) {
                seen += new String(in.readNBytes(Math.max(1, Math.min(in.available(), 256))), StandardCharsets.UTF_8);
            }
            assertThat(seen).startsWith("HTTP/1.1 200");
        }
        awaitOne(h.fast::cancelled);
        assertThat(h.fast.hits()).isEqualTo(1);
    }

    @Test
    void clientLeavingBeforeTheFirstResponseByteCancelsTheUpstreamRequest() throws Exception {
        h.fast.enqueue(Fault.delayHeaders(Duration.ofSeconds(20))); // far below the 10-minute request timeout
        try (Socket client = open(false)) {
            awaitOne(h.fast::hits);
        }
        awaitOne(h.fast::cancelled);
        assertThat(h.backup.hits()).as("a request whose client left is not sent elsewhere").isZero();
    }

    @Test
    void requestTimeoutAnswers504AndCancelsTheUpstream() throws Exception {
        timed.fast.enqueue(Fault.delayHeaders(Duration.ofSeconds(20)));
        HttpResponse<String> res = timed.chat("auto", "urgent", false);
        assertThat(res.statusCode()).isEqualTo(504);
        assertThat(JSON.readTree(res.body()).at("/error/code").asText()).isEqualTo("request_timeout");
        awaitOne(timed.fast::cancelled);
        assertThat(timed.backup.hits()).as("a timed-out request is not sent elsewhere").isZero();
        HttpResponse<String> next = timed.chat("auto", "urgent again", false);
        assertThat(next.statusCode()).as("the next request: " + next.body()).isEqualTo(200);
    }

    @Test
    void streamsOutliveTheRequestTimeoutOnceStarted() throws Exception {
        // nine chunks (seven words, usage, [DONE]) 700ms apart: well past the 3s request timeout in all
        timed.fast.chunkDelay(Duration.ofMillis(700));
        HttpResponse<String> res = timed.chat("auto", "urgent please answer in several words", true);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).contains("several").endsWith("data: [DONE]\n\n").doesNotContain("error");
        assertThat(timed.fast.cancelled()).isZero();
    }

    /** Sends a chat request for the fast model over a raw connection and leaves it open. */
    private static Socket open(boolean stream) throws Exception {
        String body = "{\"model\":\"auto\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"urgent: count to twenty for me slowly\"}]}";
        Socket socket = new Socket("127.0.0.1", h.router.port());
        socket.setSoTimeout(10_000);
        // close with a reset, as a client that aborts does; a plain FIN is a legal HTTP/1.1 half-close
        socket.setSoLinger(true, 0);
        socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Waits (bounded) until {@code counter} reaches one; the bound only keeps a broken build from hanging. */
    private static void awaitOne(IntSupplier counter) throws InterruptedException {
        for (int i = 0; i < 200 && counter.getAsInt() < 1; i++) {
            Thread.sleep(50);
        }
        assertThat(counter.getAsInt()).isEqualTo(1);
    }

}
