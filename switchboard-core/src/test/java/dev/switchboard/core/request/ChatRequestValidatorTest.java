package dev.switchboard.core.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChatRequestValidatorTest {

    private static final String USER = "{\"role\":\"user\",\"content\":\"hi\"}";

    private static ChatRequest parse(String json) {
        return ChatRequest.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A request with {@code extra} fields after model and messages. */
    private static String request(String messages, String extra) {
        return "{\"model\":\"auto\",\"messages\":[" + messages + "]" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private static void rejects(String json, String param, String messagePart) {
        assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.param()).isEqualTo(param);
            assertThat(e.getMessage()).contains(param).contains(messagePart);
        });
    }

    @Test
    void acceptsAFullValidRequest() {
        ChatRequest r = parse(request("""
                {"role":"system","content":"be brief"},
                {"role":"user","content":[{"type":"text","text":"weather?"}],"name":"ann"},
                {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function",
                  "function":{"name":"get_weather","arguments":"{}"}}]},
                {"role":"tool","tool_call_id":"c1","content":"sunny"},
                {"role":"user","content":"thanks"}""", """
                "temperature":0.7,"top_p":1,"max_tokens":100,"max_completion_tokens":200,"n":1,"stream":false,
                "stop":["\\n"],"presence_penalty":-1.5,"seed":42,"logit_bias":{"50256":-100},
                "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}],
                "tool_choice":{"type":"function","function":{"name":"get_weather"}},"top_k":5,"temperature_x":"?" """));
        assertThat(r.userText()).isEqualTo("thanks");
        assertThat(r.body().get("top_k").asInt()).isEqualTo(5);
    }

    @Test
    void acceptsNullForOptionalFields() {
        parse(request(USER, "\"temperature\":null,\"stop\":null,\"tools\":null,\"max_tokens\":null"));
    }

    @Test
    void checksSamplingTypesAndRanges() {
        rejects(request(USER, "\"temperature\":\"0.7\""), "temperature", "must be a number between 0 and 2");
        rejects(request(USER, "\"temperature\":2.5"), "temperature", "between 0 and 2");
        rejects(request(USER, "\"temperature\":1e308"), "temperature", "between 0 and 2");
        rejects(request(USER, "\"top_p\":-0.1"), "top_p", "between 0 and 1");
        rejects(request(USER, "\"presence_penalty\":true"), "presence_penalty", "number");
        rejects(request(USER, "\"logit_bias\":{\"1\":200}"), "logit_bias.1", "between -100 and 100");
        rejects(request(USER, "\"stop\":42"), "stop", "string or an array");
        rejects(request(USER, "\"stop\":[\"a\",1]"), "stop[1]", "must be a string");
    }

    @Test
    void checksTokenCountsAreSanePositiveIntegers() {
        rejects(request(USER, "\"max_tokens\":0"), "max_tokens", "between 1 and");
        rejects(request(USER, "\"max_tokens\":1.5"), "max_tokens", "integer");
        rejects(request(USER, "\"max_tokens\":\"100\""), "max_tokens", "integer");
        rejects(request(USER, "\"max_tokens\":99999999999999999999"), "max_tokens", "integer");
        rejects(request(USER, "\"max_completion_tokens\":-5"), "max_completion_tokens", "between 1 and");
        rejects(request(USER, "\"n\":1000"), "n", "between 1 and 128");
        rejects(request(USER, "\"stream\":\"true\""), "stream", "boolean");
        rejects(request(USER, "\"stream_options\":{\"include_usage\":1}"), "stream_options.include_usage",
                "boolean");
    }

    @Test
    void checksMessageContentPerRole() {
        rejects(request("{\"role\":\"user\",\"content\":null}", ""), "messages[0].content", "required");
        rejects(request("{\"role\":\"user\"}", ""), "messages[0].content", "required");
        rejects(request("{\"role\":\"system\",\"content\":[{\"type\":\"image_url\",\"image_url\":{}}]}," + USER,
                ""), "messages[0].content[0].type", "supported here: text");
        rejects(request(USER + ",{\"role\":\"assistant\",\"content\":null}", ""), "messages[1].content",
                "without tool_calls");
        rejects(request("{\"content\":\"x\"}", ""), "messages[0].role", "Missing");
        rejects(request("\"hi\"", ""), "messages[0]", "must be an object");
        rejects(request("{\"role\":\"user\",\"content\":\"x\",\"name\":7}", ""), "messages[0].name", "string");
        rejects(request("{\"role\":\"user\",\"content\":[{\"type\":\"image_url\"}]}", ""),
                "messages[0].content[0].image_url", "Missing");
    }

    @Test
    void toolMessagesMustAnswerAnEarlierToolCall() {
        rejects(request(USER + ",{\"role\":\"tool\",\"content\":\"42\"}", ""), "messages[1].tool_call_id",
                "Missing");
        rejects(request(USER + ",{\"role\":\"tool\",\"tool_call_id\":\"c9\",\"content\":\"42\"}", ""),
                "messages[1].tool_call_id", "answers no tool call");
        rejects(request(USER + ",{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"f\"}}]}", ""), "messages[1].tool_calls[0].function.arguments",
                "Missing");
    }

    @Test
    void checksToolsAndToolChoice() {
        rejects(request(USER, "\"tools\":{}"), "tools", "array");
        rejects(request(USER, "\"tools\":[{\"type\":\"retrieval\"}]"), "tools[0].type", "function");
        rejects(request(USER, "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"has space\"}}]"),
                "tools[0].function.name", "letters");
        rejects(request(USER, "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}},"
                + "{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]"), "tools[1].function.name", "twice");
        rejects(request(USER, "\"tool_choice\":\"sometimes\""), "tool_choice", "one of");
        rejects(request(USER, "\"tool_choice\":\"required\""), "tool_choice", "no tools");
        rejects(request(USER, "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],"
                + "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"g\"}}"),
                "tool_choice.function.name", "names no tool");
    }
}
