package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Client keys follow config reloads: adding an `auth` section closes a running router without a restart. */
class AuthReloadTest {

    private static final String KEY = "sk-reload-key-0123456789";

    @Test
    void keysAddedByAReloadAreRequiredAtOnce() throws Exception {
        try (RouterHarness h = new RouterHarness()) {
            assertThat(h.chat("fast", "plain question", false).statusCode()).isEqualTo(200);
            h.router.reload(RouterHarness.config(h.yaml("You are a careful mathematician.") + """
                    auth:
                      keys: [{name: late, key: %s}]
                    """.formatted(KEY)));
            assertThat(h.chat("fast", "plain question", false).statusCode()).isEqualTo(401);
            assertThat(h.chat("fast", "plain question", false, "authorization", "Bearer " + KEY).statusCode())
                    .isEqualTo(200);
        }
    }
}
