package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With {@code admin.token} set, the admin endpoints answer on the API port too, but only to that token (a client
 * key is not enough), and the admin listener asks for it as well.
 */
class AdminTokenTest {

    private static final String CLIENT_KEY = "sk-client-key-0123456789";
    private static final String ADMIN_TOKEN = "admin-token-0123456789abcdef";

    private static RouterHarness h;
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        h = new RouterHarness("""
                auth:
                  keys:
                    - {name: app, key: %s}
                admin:
                  token: %s
                """.formatted(CLIENT_KEY, ADMIN_TOKEN));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static int status(int port, String path, String bearer) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (bearer != null) {
            req.header("authorization", "Bearer " + bearer);
        }
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void onTheApiPortAdminEndpointsNeedTheAdminToken() throws Exception {
        int api = h.router.port();
        assertThat(status(api, "/metrics", null)).isEqualTo(401);
        assertThat(status(api, "/metrics", CLIENT_KEY)).isEqualTo(401);
        assertThat(status(api, "/admin/cache", "wrong-token-0123456789")).isEqualTo(401);
        assertThat(status(api, "/metrics", ADMIN_TOKEN)).isEqualTo(200);
    }

    @Test
    void theAdminTokenIsNotAClientKey() throws Exception {
        assertThat(status(h.router.port(), "/v1/models", ADMIN_TOKEN)).isEqualTo(401);
        assertThat(status(h.router.port(), "/v1/models", CLIENT_KEY)).isEqualTo(200);
    }

    @Test
    void theAdminListenerAsksForTheTokenToo() throws Exception {
        int admin = h.router.adminPort();
        assertThat(status(admin, "/metrics", null)).isEqualTo(401);
        assertThat(status(admin, "/metrics", ADMIN_TOKEN)).isEqualTo(200);
    }
}
