package dev.switchboard.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.request.ScannedTexts.ScannedText;
import dev.switchboard.core.request.ScannedTexts.Source;
import org.junit.jupiter.api.Test;

class ScannedTextsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode body() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"model": "auto",
                 "messages": [
                   {"role": "system", "content": "be brief"},
                   {"role": "user", "name": "ann", "content": [{"type": "text", "text": "first"},
                                                              {"type": "image_url", "image_url": {"url": "x"}}]},
                   {"role": "assistant", "content": null,
                    "tool_calls": [{"id": "1", "type": "function", "function": {"name": "f", "arguments": "{}"}}]},
                   {"role": "assistant", "function_call": {"name": "g", "arguments": "{\\"a\\": 1}"}},
                   {"role": "user", "content": "latest"}],
                 "tools": [{"type": "function", "function": {"name": "f", "description": "does f",
                   "parameters": {"type": "object", "properties": {"a/b": {"type": "string", "description": "da"},
                     "list": {"type": "array", "items": {"anyOf": [{"description": "deep"}]}}}}}}],
                 "functions": [{"name": "g", "description": "does g"}]}
                """);
    }

    @Test
    void everyTextThatReachesAModelIsListedWithItsPointer() throws Exception {
        assertThat(ScannedTexts.of(body()).all()).extracting(t -> t.source() + " " + t.path() + " " + t.text())
                .containsExactly(
                        "CONTENT /messages/0/content be brief",
                        "CONTENT /messages/1/content/0/text first",
                        "NAME /messages/1/name ann",
                        "TOOL_CALL_ARGUMENTS /messages/2/tool_calls/0/function/arguments {}",
                        "TOOL_CALL_ARGUMENTS /messages/3/function_call/arguments {\"a\": 1}",
                        "CONTENT /messages/4/content latest",
                        "TOOL_DEFINITION /tools/0/function/name f",
                        "TOOL_DEFINITION /tools/0/function/description does f",
                        "TOOL_DEFINITION /tools/0/function/parameters/properties/a~1b/description da",
                        "TOOL_DEFINITION /tools/0/function/parameters/properties/list/items/anyOf/0/description deep",
                        "TOOL_DEFINITION /functions/0/name g",
                        "TOOL_DEFINITION /functions/0/description does g");
    }

    @Test
    void scanOrderPutsTheLatestUserMessageFirstThenToolsThenNewestMessages() throws Exception {
        assertThat(ScannedTexts.of(body()).inScanOrder(4)).extracting(ScannedText::text).containsExactly(
                "latest", "f", "does f", "da", "deep", "g", "does g", "{\"a\": 1}", "{}", "first", "ann", "be brief");
    }

    @Test
    void aTextIsWrittenBackToExactlyItsField() throws Exception {
        ObjectNode body = body();
        for (ScannedText text : ScannedTexts.of(body).all()) {
            ScannedTexts.setText(body, text.path(), text.text().toUpperCase());
        }
        assertThat(body.at("/messages/1/content/0/text").asText()).isEqualTo("FIRST");
        assertThat(body.at("/tools/0/function/parameters/properties/a~1b/description").asText()).isEqualTo("DA");
        assertThat(body.at("/messages/1/content/1/image_url/url").asText()).isEqualTo("x");
        assertThat(ScannedTexts.of(body).all().get(0).source()).isEqualTo(Source.CONTENT);
    }
}
