package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With {@code admin.token} set, the admin plane (metrics, cache administration, the dashboard) answers on the API
 * port too, but only to that token (a client key is not enough), and the admin listener asks for it as well.
 * Nothing of the dashboard is served without it: not its page, scripts, vendored libraries, data or live stream. A
 * browser without the token gets a sign-in form and nothing else; the token works as a bearer header or a cookie.
 * (Without a token, the API port has no admin plane at all: {@link DashboardBrowserTest}.)
 */
class AdminAccessTest {

    private static final String CLIENT_KEY = "sk-client-key-0123456789";
    private static final String ADMIN_TOKEN = "admin-token-0123456789abcdef";
    static final List<String> DASHBOARD_PATHS = List.of("/dashboard/", "/dashboard/app.js", "/dashboard/style.css",
            "/dashboard/vendor/preact/10.28.0/dist/preact.module.js", "/dashboard/api/history",
            "/dashboard/api/config", "/dashboard/api/audit");

    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static RouterHarness guarded;

    @BeforeAll
    static void start() {
        guarded = new RouterHarness("""
                auth:
                  keys:
                    - {name: app, key: %s}
                admin:
                  token: %s
                """.formatted(CLIENT_KEY, ADMIN_TOKEN));
    }

    @AfterAll
    static void stop() {
        guarded.close();
    }

    /** GET {@code path} on {@code port} of this machine, with header name-value pairs. */
    static HttpResponse<String> get(int port, String path, String... headers) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            req.header(headers[i], headers[i + 1]);
        }
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int status(int port, String path, String bearer) throws Exception {
        return (bearer == null ? get(port, path) : get(port, path, "authorization", "Bearer " + bearer)).statusCode();
    }

    @Test
    void onTheApiPortAdminEndpointsNeedTheAdminToken() throws Exception {
        int api = guarded.router.port();
        assertThat(status(api, "/metrics", null)).isEqualTo(401);
        assertThat(status(api, "/metrics", CLIENT_KEY)).isEqualTo(401);
        assertThat(status(api, "/admin/cache", "wrong-token-0123456789")).isEqualTo(401);
        assertThat(status(api, "/metrics", ADMIN_TOKEN)).isEqualTo(200);
    }

    @Test
    void theAdminTokenIsNotAClientKey() throws Exception {
        assertThat(status(guarded.router.port(), "/v1/models", ADMIN_TOKEN)).isEqualTo(401);
        assertThat(status(guarded.router.port(), "/v1/models", CLIENT_KEY)).isEqualTo(200);
    }

    @Test
    void theAdminListenerAsksForTheTokenToo() throws Exception {
        int admin = guarded.router.adminPort();
        assertThat(status(admin, "/metrics", null)).isEqualTo(401);
        assertThat(status(admin, "/metrics", ADMIN_TOKEN)).isEqualTo(200);
    }

    @Test
    void withATokenNothingOfTheDashboardIsServedWithoutIt() throws Exception {
        for (int port : new int[] {guarded.router.port(), guarded.router.adminPort()}) {
            for (String path : DASHBOARD_PATHS) {
                HttpResponse<String> bare = get(port, path);
                assertThat(bare.statusCode()).as(path).isEqualTo(401);
                assertThat(bare.body()).doesNotContain("importmap", "preact", "\"seconds\"");
                assertThat(status(port, path, CLIENT_KEY)).isEqualTo(401);
                assertThat(get(port, path, "cookie", "switchboard_admin=wrong-token-0123456789").statusCode())
                        .isEqualTo(401);
            }
        }
    }

    @Test
    void theTokenOpensTheDashboardAsBearerOrCookie() throws Exception {
        for (int port : new int[] {guarded.router.port(), guarded.router.adminPort()}) {
            for (String path : DASHBOARD_PATHS) {
                assertThat(status(port, path, ADMIN_TOKEN)).as(path).isEqualTo(200);
                assertThat(get(port, path, "cookie", "switchboard_admin=" + ADMIN_TOKEN).statusCode()).as(path)
                        .isEqualTo(200);
            }
        }
    }

    @Test
    void aBrowserWithoutTheTokenGetsOnlyASignInForm() throws Exception {
        HttpResponse<String> page = get(guarded.router.adminPort(), "/dashboard/", "accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(401);
        assertThat(page.body()).contains("Admin token").doesNotContain("app.js", "importmap");
    }
}
