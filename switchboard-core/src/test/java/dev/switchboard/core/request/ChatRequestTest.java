package dev.switchboard.core.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChatRequestTest {

    private static ChatRequest parse(String json) {
        return ChatRequest.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void rejects(String json, String param, String messagePart) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.param()).isEqualTo(param);
                    assertThat(e.getMessage()).contains(messagePart);
                });
    }

    @Test
    void readsModelStreamAndTexts() {
        ChatRequest r = parse("""
                {"model":"auto","stream":true,"messages":[
                  {"role":"system","content":"be brief"},
                  {"role":"user","content":[{"type":"text","text":"first"},{"type":"image_url","image_url":{"url":"x"}}]},
                  {"role":"assistant","content":"ok"},
                  {"role":"user","content":"integrate x^2"}]}""");
        assertThat(r.model()).isEqualTo("auto");
        assertThat(r.stream()).isTrue();
        assertThat(r.userText()).isEqualTo("integrate x^2");
        assertThat(r.promptText()).contains("be brief", "first", "ok", "integrate x^2");
    }

    @Test
    void keepsUnknownFieldsInTheBody() {
        ChatRequest r = parse("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"top_k\":7}");
        assertThat(r.body().get("top_k").asInt()).isEqualTo(7);
    }

    @Test
    void rejectsMalformedJsonWithPosition() {
        rejects("{\"model\": \"auto\", ", null, "not valid JSON");
    }

    @Test
    void rejectsNonObjectBody() {
        rejects("[1,2]", null, "must be a JSON object");
    }

    @Test
    void rejectsMissingOrWrongTypedFields() {
        rejects("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "model", "Missing required field 'model'");
        rejects("{\"model\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "model", "non-empty string");
        rejects("{\"model\":\"auto\"}", "messages", "Missing required field 'messages'");
        rejects("{\"model\":\"auto\",\"messages\":\"hi\"}", "messages", "non-empty array");
        rejects("{\"model\":\"auto\",\"messages\":[]}", "messages", "non-empty array");
        rejects("{\"model\":\"auto\",\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "stream", "boolean");
        rejects("{\"model\":\"auto\",\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}",
                "messages[0].role", "must be one of");
        rejects("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":42}]}",
                "messages[0].content", "string or an array");
    }

    @Test
    void rejectsUnsupportedContentParts() {
        rejects("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"hologram\"}]}]}",
                "messages[0].content[0].type", "Unsupported content part type 'hologram'");
        rejects("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":1}]}]}",
                "messages[0].content[0].text", "must be a string");
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] bad = "{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"X\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        bad[bad.length - 5] = (byte) 0xC3; // a lead byte followed by an ASCII quote
        assertThatThrownBy(() -> ChatRequest.parse(bad)).isInstanceOf(ApiException.class)
                .hasMessageContaining("not valid UTF-8");
    }
}
