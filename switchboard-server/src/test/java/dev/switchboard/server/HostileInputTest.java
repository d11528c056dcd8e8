package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hostile-input families of issue 9, each against a real router: every invalid request gets 400, 413 or 415
 * with an OpenAI-style error naming the problem, never a 500, and none of them is forwarded to an upstream.
 */
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/v1/chat/completions";
    private static RouterHarness h;

    @BeforeAll
    static void start() {
        h = new RouterHarness();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @BeforeEach
    void resetUpstreams() {
        h.resetUpstreams();
    }

    /** Whatever a test sent, nothing invalid reached a model. Tests that send valid requests reset first. */
    @AfterEach
    void nothingWasForwarded() {
        assertThat(h.upstreamHits()).as("requests forwarded upstream").isZero();
    }

    private static String chat(String messages, String extra) {
        return "{\"model\":\"auto\",\"messages\":[" + messages + "]" + extra + "}";
    }

    private static String user(String text) {
        return "{\"role\":\"user\",\"content\":\"" + text + "\"}";
    }

    private static HttpResponse<String> post(String body, String... headers) throws Exception {
        return post(body.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static HttpResponse<String> post(byte[] body, String... headers) throws Exception {
        return h.post(PATH, body, headers);
    }

    /** Asserts the status and the OpenAI error shape; returns the error object. */
    private static JsonNode refused(HttpResponse<String> res, int status, String messagePart) throws Exception {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
        assertThat(res.headers().firstValue("content-type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        JsonNode error = JSON.readTree(res.body()).get("error");
        assertThat(error.get("message").asText()).contains(messagePart).doesNotContain("Exception", "\tat ");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.has("code")).isTrue();
        assertThat(error.has("param")).isTrue();
        return error;
    }

    private static void refusedAt(HttpResponse<String> res, String param, String messagePart) throws Exception {
        assertThat(refused(res, 400, messagePart).get("param").asText()).isEqualTo(param);
    }

    @Test
    void truncatedAndMalformedJson() throws Exception {
        refused(post("{\"model\":\"auto\",\"messages\":[{\"role\":\"us"), 400, "not valid JSON");
        refused(post("{model: auto}"), 400, "not valid JSON");
        refused(post(""), 400, "empty");
        refused(post("[]"), 400, "must be a JSON object");
    }

    @Test
    void trailingGarbageAfterTheDocument() throws Exception {
        refused(post(chat(user("hi"), "") + " {\"x\":1}"), 400, "not valid JSON");
        refused(post(chat(user("hi"), "") + "garbage"), 400, "not valid JSON");
    }

    @Test
    void wrongTypes() throws Exception {
        refusedAt(post(chat(user("hi"), ",\"temperature\":\"0.7\"")), "temperature", "number");
        refusedAt(post("{\"model\":\"auto\",\"messages\":\"hi\"}"), "messages", "array");
        refusedAt(post(chat(user("hi"), ",\"stream\":1")), "stream", "boolean");
        refusedAt(post(chat(user("hi"), ",\"max_tokens\":-1")), "max_tokens", "between 1 and");
        refusedAt(post(chat(user("hi"), ",\"tools\":[{\"type\":\"function\"}]")), "tools[0].function", "Missing");
    }

    @Test
    void depthBombsInMessagesAndInAClassificationBody() throws Exception {
        String bomb = "[".repeat(10_000) + "]".repeat(10_000);
        refused(post("{\"model\":\"auto\",\"messages\":" + bomb + "}"), 400, "nest deeper than");
        refused(h.post("/api/v1/classify/intent", ("{\"text\":" + bomb + "}").getBytes()), 400, "nest deeper than");
        refused(h.post("/api/v1/classify/batch", ("{\"texts\":" + bomb + "}").getBytes()), 400, "nest deeper than");
    }

    @Test
    void hugeNumbers() throws Exception {
        refused(post(chat(user("hi"), ",\"max_tokens\":" + "9".repeat(30_000))), 400, "number is longer");
        refused(post(chat(user("hi"), ",\"temperature\":0." + "5".repeat(30_000))), 400, "number is longer");
        refusedAt(post(chat(user("hi"), ",\"max_tokens\":1e300")), "max_tokens", "integer");
    }

    @Test
    void giantStringsHitTheBodyLimit() throws Exception {
        refused(post(chat(user("x".repeat(100_000)), "")), 413, "max_body_bytes");
    }

    @Test
    void invalidUtf8() throws Exception {
        byte[] body = chat(user("caf\u00e9"), "").getBytes(StandardCharsets.UTF_8);
        int at = new String(body, StandardCharsets.ISO_8859_1).indexOf("caf") + 3;
        body[at + 1] = (byte) 0x28; // a lead byte followed by an ASCII byte: not UTF-8
        refused(post(body), 400, "UTF-8");
    }

    @Test
    void nullContentForAUserAndToolMessagesWithoutAToolCall() throws Exception {
        refusedAt(post(chat("{\"role\":\"user\",\"content\":null}", "")), "messages[0].content", "required");
        refusedAt(post(chat(user("hi") + ",{\"role\":\"tool\",\"tool_call_id\":\"x\",\"content\":\"42\"}", "")),
                "messages[1].tool_call_id", "answers no tool call");
        refusedAt(post(chat(user("hi") + ",{\"role\":\"tool\",\"content\":\"42\"}", "")),
                "messages[1].tool_call_id", "Missing");
    }

    @Test
    void gzipHeaderOnAPlainBody() throws Exception {
        refused(post(chat(user("hi"), ""), "content-encoding", "gzip"), 400, "not valid gzip");
    }

    @Test
    void unknownContentEncodingIs415() throws Exception {
        refused(post(chat(user("hi"), ""), "content-encoding", "compress"), 415, "not supported");
    }

    @Test
    void zipBombStopsAtTheBodyLimit() throws Exception {
        byte[] bomb = gzip(("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + "a".repeat(10_000_000) + "\"}]}").getBytes(StandardCharsets.UTF_8));
        assertThat(bomb.length).isLessThan(65_536);
        refused(post(bomb, "content-encoding", "gzip"), 413, "decompresses to more than");
    }

    @Test
    void compressedBodiesAreDecodedAndServed() throws Exception {
        byte[] plain = chat(user("hello from a compressed body"), "").getBytes(StandardCharsets.UTF_8);
        Brotli4jLoader.ensureAvailability();
        List<Object[]> codings = List.of(new Object[] {"gzip", gzip(plain)}, new Object[] {"deflate", deflate(plain)},
                new Object[] {"br", Encoder.compress(plain)}, new Object[] {"zstd", Zstd.compress(plain)});
        for (Object[] coding : codings) {
            HttpResponse<String> res = post((byte[]) coding[1], "content-encoding", (String) coding[0]);
            assertThat(res.statusCode()).as(coding[0] + ": " + res.body()).isEqualTo(200);
        }
        h.resetUpstreams(); // these four were valid and answered (a fast response: the greeting decision)
    }

    @Test
    void realGzipBodyReachesTheUpstreamDecoded() throws Exception {
        byte[] plain = chat(user("urgent: gzip me"), "").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> res = post(gzip(plain), "content-encoding", "gzip");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(h.fast.lastRequest().at("/messages/0/content").asText()).isEqualTo("urgent: gzip me");
        h.resetUpstreams();
    }

    @Test
    void unknownTransferEncodingIsRefused() throws Exception {
        String body = chat(user("hi"), "");
        String response = raw("POST " + PATH + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: gzip\r\nConnection: close\r\n\r\n" + body);
        assertThat(response).startsWith("HTTP/1.1 4").doesNotStartWith("HTTP/1.1 200");
    }

    @Test
    void concurrentMalformedRequestsLeaveTheRouterHealthy() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String body = switch (i % 4) {
                    case 0 -> "{\"model\":\"auto\",\"messages\":" + "[".repeat(2_000) + "]".repeat(2_000) + "}";
                    case 1 -> chat(user("hi"), ",\"max_tokens\":" + "7".repeat(5_000));
                    case 2 -> chat(user("hi"), "") + "trailing";
                    default -> chat("{\"role\":\"user\",\"content\":null}", "");
                };
                statuses.add(CompletableFuture.supplyAsync(() -> statusOf(body), pool));
            }
            assertThat(statuses).allSatisfy(s -> assertThat(s.join()).isEqualTo(400));
        } finally {
            pool.shutdownNow();
        }
        assertThat(h.upstreamHits()).isZero();
        HttpResponse<String> healthy = h.chat("auto", "urgent and healthy?", false);
        assertThat(healthy.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(healthy.body()).at("/choices/0/message/content").asText())
                .isEqualTo("fast says: urgent and healthy?");
        h.resetUpstreams();
    }

    private static int statusOf(String body) {
        try {
            return post(body).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", h.router.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
        }
    }

    private static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }
}
