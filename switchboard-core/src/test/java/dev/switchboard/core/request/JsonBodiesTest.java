package dev.switchboard.core.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

    private static void rejects(String json, String messagePart) {
        assertThatThrownBy(() -> JsonBodies.parseObject(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains(messagePart);
                });
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    @Test
    void refusesDepthBombsWithTheLimitNamed() {
        rejects("{\"model\":\"auto\",\"messages\":" + nested(10_000) + "}", "nest deeper than 128");
        rejects("{\"text\":" + nested(1_000) + "}", "nest deeper than 128");
        rejects("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000), "nest deeper than 128");
    }

    @Test
    void acceptsNestingUpToTheLimit() {
        assertThat(JsonBodies.parseObject(("{\"a\":" + nested(JsonLimits.MAX_NESTING_DEPTH - 1) + "}")
                .getBytes(StandardCharsets.UTF_8)).get("a").isArray()).isTrue();
    }

    @Test
    void refusesHugeNumbers() {
        rejects("{\"max_tokens\":" + "9".repeat(100_000) + "}", "number is longer than 64");
        rejects("{\"temperature\":0." + "1".repeat(100_000) + "}", "number is longer than 64");
    }

    @Test
    void refusesTrailingGarbageAndEmptyBodies() {
        rejects("{\"model\":\"auto\"} garbage", "not valid JSON");
        rejects("{\"model\":\"auto\"}{\"model\":\"auto\"}", "not valid JSON");
        rejects("", "empty");
        rejects("   ", "empty");
        rejects("\"text\"", "must be a JSON object");
    }

    @Test
    void refusesTruncatedJsonWithItsPosition() {
        rejects("{\"model\": \"auto\", \"messages\": [", "line 1");
    }

    @Test
    void refusesOverlongFieldNames() {
        rejects("{\"" + "k".repeat(5_000) + "\":1}", "field name is longer");
    }
}
