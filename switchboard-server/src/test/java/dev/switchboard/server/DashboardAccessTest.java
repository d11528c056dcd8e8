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
 * With {@code admin.token} set, nothing of the dashboard is served without it: not its page, scripts, vendored
 * libraries, data or live stream, on the admin listener or the API port. A browser without the token gets a sign-in
 * form and nothing else; the token works as a bearer header or a cookie. (Without a token, the API port has no
 * dashboard at all: {@link DashboardBrowserTest}.)
 */
class DashboardAccessTest {

    private static final String CLIENT_KEY = "sk-client-key-0123456789";
    private static final String ADMIN_TOKEN = "admin-token-0123456789abcdef";
    static final List<String> PATHS = List.of("/dashboard/", "/dashboard/app.js", "/dashboard/style.css",
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

    static HttpResponse<String> get(int port, String path, String... headers) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            req.header(headers[i], headers[i + 1]);
        }
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withATokenNothingIsServedWithoutIt() throws Exception {
        for (int port : new int[] {guarded.router.port(), guarded.router.adminPort()}) {
            for (String path : PATHS) {
                HttpResponse<String> bare = get(port, path);
                assertThat(bare.statusCode()).as(path).isEqualTo(401);
                assertThat(bare.body()).doesNotContain("importmap", "preact", "\"seconds\"");
                assertThat(get(port, path, "authorization", "Bearer " + CLIENT_KEY).statusCode()).isEqualTo(401);
                assertThat(get(port, path, "cookie", "switchboard_admin=wrong-token-0123456789").statusCode())
                        .isEqualTo(401);
            }
        }
    }

    @Test
    void theTokenOpensItAsBearerOrCookie() throws Exception {
        for (int port : new int[] {guarded.router.port(), guarded.router.adminPort()}) {
            for (String path : PATHS) {
                assertThat(get(port, path, "authorization", "Bearer " + ADMIN_TOKEN).statusCode()).as(path)
                        .isEqualTo(200);
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
