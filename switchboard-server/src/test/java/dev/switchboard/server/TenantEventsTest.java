package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.listener.RouterListener;
import dev.switchboard.core.pipeline.RouterPipeline;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Authentication results, 403 refusals and token charges reach the router's listeners (the Prometheus metrics
 * are one of them), named by tenant, never by key.
 */
class TenantEventsTest {

    private static final String KEY = "sk-events-team-0123456789";
    private static final List<String> events = new CopyOnWriteArrayList<>();
    private static RouterHarness h;

    @BeforeAll
    static void start() {
        RouterListener recorder = new RouterListener() {
            @Override
            public void tenantAuthenticated(String tenant, String result) {
                events.add("auth " + tenant + " " + result);
            }

            @Override
            public void tenantRefused(String tenant, String reason) {
                events.add("refused " + tenant + " " + reason);
            }

            @Override
            public void tenantCharged(String tenant, long tokens) {
                events.add("charged " + tenant + (tokens > 0 ? " some" : " none"));
            }
        };
        h = new RouterHarness(yaml -> yaml + """
                auth:
                  keys:
                    - {name: team, key: %s, allowed_models: [auto]}
                """.formatted(KEY), RouterPipeline::new, List.of(recorder));
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void listenersHearWhoWasAdmittedRefusedAndCharged() throws Exception {
        HttpResponse<String> ok = h.chat("auto", "urgent: say hi", false, "authorization", "Bearer " + KEY);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(events).containsExactly("auth team allowed", "charged team some", "charged team some");

        events.clear();
        assertThat(h.chat("fast", "hi", false, "authorization", "Bearer " + KEY).statusCode()).isEqualTo(403);
        assertThat(h.chat("auto", "hi", false, "authorization", "Bearer sk-wrong-key-0123456789").statusCode())
                .isEqualTo(401);
        assertThat(events).containsExactly("auth team allowed", "charged team some", "refused team model_not_allowed",
                "auth - invalid_key");
        assertThat(String.join(" ", events)).doesNotContain(KEY);
    }
}
