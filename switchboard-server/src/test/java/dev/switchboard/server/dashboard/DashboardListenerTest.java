package dev.switchboard.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.config.yaml.ConfigLoader;
import dev.switchboard.core.listener.UpstreamAnswer;
import dev.switchboard.core.pipeline.RouterPipeline;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.request.ChatRequest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the dashboard's listener makes of request events: aggregates, costs, bounded sampled rows, masked text. */
class DashboardListenerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SwitchboardConfig CONFIG = ConfigLoader.parse("""
            routing: {default_model: small}
            models:
              - name: small
                pricing: {input_per_1m: 1.0, output_per_1m: 1.0}
                endpoints: [{url: "http://127.0.0.1:1"}]
              - name: big
                pricing: {input_per_1m: 10.0, output_per_1m: 10.0}
                endpoints: [{url: "http://127.0.0.1:1"}]
            signals:
              keywords: [{name: math, keywords: [integral]}]
            decisions:
              - name: math
                rules: {type: keyword, name: math}
                model_refs: [{model: small}, {model: big}]
            """, "listener.yaml");
    private static final RouterPipeline PIPELINE = new RouterPipeline(CONFIG);

    private static RoutePlan plan(String text) {
        return PIPELINE.plan(ChatRequest.ofUserText("auto", text));
    }

    private static void answered(DashboardListener listener, long id, RoutePlan plan, long tokens) {
        listener.requestStarted(id);
        listener.requestPlanned(id, plan, 2_000_000);
        listener.requestAnswered(id, plan, new UpstreamAnswer(plan.targets().get(0), 50_000_000, 10_000_000,
                tokens, tokens));
    }

    @Test
    void aggregatesRequestsLatencyAndCostSavedAgainstTheDearestCandidate() {
        DashboardListener listener = new DashboardListener(false, () -> 1_800_000_030L); // mid-minute, fixed
        listener.configApplied(CONFIG, null);
        for (int i = 0; i < 10; i++) {
            answered(listener, i, plan("the integral of x"), 500_000);
        }
        ObjectNode history = JSON.createObjectNode();
        listener.historyTo(history, 5, 1);
        JsonNode minute = history.path("minutes").get(0);
        assertThat(minute.path("rps").asDouble() * 60).isEqualTo(10.0);
        assertThat(minute.path("routing_p50").asDouble()).isBetween(1.8, 2.2); // 2 ms within one 20 % bin
        assertThat(minute.path("upstream_p99").asDouble()).isBetween(45.0, 55.0);
        assertThat(minute.path("ttft_p50").asDouble()).isBetween(9.0, 11.0);
        // 10 requests x 1M tokens at $1/M on small; big would have cost $10/M
        assertThat(minute.path("cost").asDouble()).isEqualTo(10.0);
        assertThat(minute.path("cost_saved").asDouble()).isEqualTo(90.0);
        JsonNode decision = history.path("decisions").get(0);
        assertThat(decision.path("decision").asText()).isEqualTo("math");
        assertThat(decision.path("requests").asLong()).isEqualTo(10);
    }

    @Test
    void classificationCallsThatAreNotRoutedRequestsAreNotCounted() {
        DashboardListener listener = new DashboardListener(false);
        listener.requestPlanned(99, plan("integral"), 1_000_000); // no requestStarted: a classification API call
        ObjectNode history = JSON.createObjectNode();
        listener.historyTo(history, 5, 1);
        assertThat(history.path("minutes").get(0).path("routing_p50").isNull()).isTrue();
    }

    @Test
    void theLiveTableGetsAtMostTwentyRowsATickAndOnlyKeptRowsAreBuilt() {
        RowSampler sampler = new RowSampler(DashboardListener.ROWS_PER_TICK, 200);
        AtomicInteger built = new AtomicInteger();
        for (int i = 0; i < 1000; i++) {
            sampler.offer(() -> {
                built.incrementAndGet();
                return JSON.createObjectNode().put("t", 0);
            });
        }
        ObjectNode tick = JSON.createObjectNode();
        sampler.drainTo(tick.putArray("rows"));
        assertThat(tick.path("rows").size()).isEqualTo(20);
        // reservoir sampling builds about k·(1 + ln(n/k)) rows: ~98 for 20 of 1,000, never all 1,000
        assertThat(built.get()).isLessThan(300);
    }

    @Test
    void rowsNameDecisionAndModelAndCarryNoTextUnlessAsked() {
        DashboardListener quiet = new DashboardListener(false);
        answered(quiet, 1, plan("integral for alice@example.com"), 10);
        JsonNode row = tick(quiet).path("rows").get(0);
        assertThat(row.path("decision").asText()).isEqualTo("math");
        assertThat(row.path("model").asText()).isEqualTo("small");
        assertThat(row.has("prompt")).isFalse();
        assertThat(row.toString()).doesNotContain("alice");

        DashboardListener shown = new DashboardListener(true);
        answered(shown, 1, plan("integral for alice@example.com, card 4111 1111 1111 1111 " + "x".repeat(200)), 10);
        String prompt = tick(shown).path("rows").get(0).path("prompt").asText();
        assertThat(prompt).startsWith("integral for [EMAIL_ADDRESS], card [CREDIT_CARD]")
                .doesNotContain("alice", "4111").hasSizeLessThanOrEqualTo(PromptPreview.MAX_CHARS);
    }

    private static ObjectNode tick(DashboardListener listener) {
        ObjectNode tick = JSON.createObjectNode();
        listener.tickTo(tick);
        return tick;
    }

    @Test
    void histogramQuantilesAreWithinOneBin() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int ms = 1; ms <= 100; ms++) {
            histogram.record(ms * 1_000_000L);
        }
        assertThat(histogram.quantileMillis(0.5)).isBetween(45.0, 55.0);
        assertThat(histogram.quantileMillis(0.99)).isBetween(89.0, 109.0);
        assertThat(new LatencyHistogram().quantileMillis(0.5)).isNull();
    }
}
