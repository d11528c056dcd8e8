package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.cache.postgres.PgliteServer;
import dev.switchboard.core.config.KeyDigest;
import dev.switchboard.core.config.yaml.ConfigLoader;
import dev.switchboard.testing.TestUpstream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two router replicas with {@code auth.rate_limit_store: postgres} on one database (PGlite) enforce a tenant's
 * limit together: a request per minute means one request through either replica, where limits kept in each
 * replica's memory would let one through each. The limit is one request per minute, so the buckets cannot refill
 * while the test runs; nothing else about time is assumed. A replica whose database cannot be reached falls back to
 * limits of its own rather than failing requests. PGlite runs every connection in one backend session, so
 * the replicas' JDBC drivers are told not to name server-side prepared statements (both would create {@code S_1});
 * a real PostgreSQL gives each connection its own session and needs no such setting.
 */
class SharedRateLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String KEY = "sk-shared-limits-0123456789";

    private static PgliteServer postgres;
    private static TestUpstream upstream;
    private static RouterProcess first;
    private static RouterProcess second;
    private static RouterProcess alone;
    private static RouterProcess cutOff;

    @BeforeAll
    static void start() {
        // the scale-out test's server when it ran first in this JVM: starting PGlite takes seconds
        postgres = PgliteServer.shared(Path.of("../switchboard-cache-postgres/pglite"), 8);
        upstream = TestUpstream.start("m");
        first = RouterProcess.start(ConfigLoader.parse(config("postgres"), "first.yaml"));
        second = RouterProcess.start(ConfigLoader.parse(config("postgres"), "second.yaml"));
        alone = RouterProcess.start(ConfigLoader.parse(config("memory"), "alone.yaml"));
        // a database nobody listens on: the port of a socket opened and closed again
        cutOff = RouterProcess.start(ConfigLoader.parse(config("postgres")
                .replace(postgres.jdbcUrl(), "jdbc:postgresql://127.0.0.1:" + closedPort() + "/postgres"), "cut.yaml"));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {first, second, alone, cutOff, upstream}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing the rest matters more
            }
        }
    }

    private static String config(String store) {
        return """
                server: {host: 127.0.0.1, port: 0, shutdown_timeout: 0s}
                admin: {enabled: false}
                routing: {default_model: m}
                upstream: {retry: {max_attempts: 1}}
                models: [{name: m, endpoints: [{url: "%s"}]}]
                cache:
                  postgres: {url: "%s?prepareThreshold=0", pool_size: 2}
                auth:
                  rate_limit_store: %s
                  keys:
                    - name: shared-tenant
                      key_sha256: %s
                      rate_limit: {requests_per_minute: 1}
                """.formatted(upstream.baseUrl(), postgres.jdbcUrl(), store,
                HexFormat.of().formatHex(KeyDigest.sha256(KEY)));
    }

    @Test
    void twoReplicasSharingTheStoreLetOneLimitThroughTogether() throws Exception {
        int before = upstream.hits();
        assertThat(chat(first).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = chat(second); // this replica has not seen the tenant yet
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
        assertThat(refused.headers().firstValue("retry-after")).isPresent();
        assertThat(JSON.readTree(refused.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(chat(first).statusCode()).isEqualTo(429);
        assertThat(upstream.hits()).as("only the admitted request reached the model").isEqualTo(before + 1);
    }

    @Test
    void aReplicaKeepingLimitsInMemoryCountsOnlyItsOwn() throws Exception {
        assertThat(chat(alone).statusCode()).isEqualTo(200); // the shared bucket does not reach it
        assertThat(chat(alone).statusCode()).isEqualTo(429);
    }

    @Test
    void aReplicaWhoseStoreIsUnreachableKeepsItsOwnLimitsAndAnswers() throws Exception {
        HttpResponse<String> admitted = chat(cutOff); // waits for the pool to give up, then falls back
        assertThat(admitted.statusCode()).as(admitted.body()).isEqualTo(200);
        HttpResponse<String> refused = chat(cutOff);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
        assertThat(JSON.readTree(refused.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> chat(RouterProcess replica) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + replica.port()
                        + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json")
                .header("authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
