package dev.switchboard.core.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.config.ToolSettings;
import dev.switchboard.core.config.ToolSettings.Policy;
import dev.switchboard.core.config.ToolSettings.WhenNoneRelevant;
import dev.switchboard.core.encode.Encoding;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The first sight of a large tool set: embedded off the request's thread, the request passed through meanwhile. */
class ToolEmbeddingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Policy TOP_1 = new Policy(ToolSettings.Mode.FILTER, 1, 0.0, WhenNoneRelevant.KEEP_ALL,
            List.of());

    /** The topic encoder, holding tool texts until the test opens the gate (user texts pass at once). */
    static final class GatedEncoder extends ToolSelectorTest.TopicEncoder {
        final CountDownLatch gate = new CountDownLatch(1);

        @Override
        public Encoding encode(String text) {
            if (text.contains(" things")) {
                try {
                    gate.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.encode(text);
        }
    }

    private static ObjectNode request() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"model":"auto","messages":[{"role":"user","content":"the weather tomorrow"}],"tools":[
                {"type":"function","function":{"name":"weather_tool","description":"does weather things"}},
                {"type":"function","function":{"name":"email_tool","description":"does email things"}},
                {"type":"function","function":{"name":"stock_tool","description":"does stock things"}}]}""");
    }

    private static ToolSelection select(ToolSelector selector, GatedEncoder encoder, ObjectNode body) {
        return selector.apply(TOP_1, body, "the weather tomorrow", () -> encoder.encode("the weather tomorrow"));
    }

    @Test
    void aLargeUnseenSetPassesThroughUntilTheBackgroundHasEmbeddedIt() throws Exception {
        GatedEncoder encoder = new GatedEncoder();
        ToolEmbeddings embeddings = new ToolEmbeddings(encoder, 100);
        ToolSelector selector = new ToolSelector(embeddings, null, 8, null); // 3 tools x 3 views > 8: not here

        ObjectNode first = request();
        ToolSelection passed = select(selector, encoder, first);
        assertThat(first).isEqualTo(request()); // untouched while the texts are being embedded
        assertThat(passed.headerValue()).isEqualTo("3/3");
        assertThat(passed.kept()).extracting(ToolSelection.ScoredTool::reason).containsOnly("embedding");
        assertThat(passed.removedChars()).isZero();
        assertThat(embeddings.idle()).isFalse();

        encoder.gate.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!embeddings.idle() && System.nanoTime() < deadline) {
            Thread.sleep(5); // waiting for the background thread, not timing it
        }
        int callsBefore = encoder.calls.get();
        ObjectNode later = request();
        ToolSelection filtered = select(selector, encoder, later);
        assertThat(filtered.headerValue()).isEqualTo("1/3");
        assertThat(later.at("/tools/0/function/name").asText()).isEqualTo("weather_tool");
        assertThat(encoder.calls.get() - callsBefore).isEqualTo(1); // the user text only: the set is remembered
    }

    @Test
    void aSetWithinTheInlineLimitIsFilteredTheFirstTime() throws Exception {
        GatedEncoder encoder = new GatedEncoder();
        encoder.gate.countDown();
        ToolSelector selector = new ToolSelector(new ToolEmbeddings(encoder, 100), null, 9, null); // 3 tools x 3 views
        ObjectNode body = request();
        assertThat(select(selector, encoder, body).headerValue()).isEqualTo("1/3");
        assertThat(body.withArray("tools")).hasSize(1);
    }

    @Test
    void aCallerAskingForAnAnswerGetsTheSetEmbeddedAtOnce() throws Exception {
        GatedEncoder encoder = new GatedEncoder();
        encoder.gate.countDown();
        ToolSelector selector = new ToolSelector(new ToolEmbeddings(encoder, 100), null, 0, null);
        ObjectNode body = request();
        ToolSelection now = selector.applyNow(TOP_1, body, "the weather tomorrow",
                () -> encoder.encode("the weather tomorrow"));
        assertThat(now.headerValue()).isEqualTo("1/3");
        assertThat(now.kept()).extracting(ToolSelection.ScoredTool::name).containsExactly("weather_tool");
    }
}
