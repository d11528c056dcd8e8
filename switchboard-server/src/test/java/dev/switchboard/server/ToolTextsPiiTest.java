package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.config.yaml.ConfigLoader;
import dev.switchboard.testing.TestUpstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PII guard sees every text that reaches a model, not only message contents: a message's {@code name},
 * assistant tool-call arguments, and tool definitions (description and parameter descriptions). With
 * {@code action: redact} each gets placeholders in exactly its own field, and the tool-call arguments stay JSON.
 */
class ToolTextsPiiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLER = "+1 415 555 0132";
    private static final String ON_CALL = "+1 415 555 0199";
    private static final String EXAMPLE = "+1 415 555 0177";
    private static final TestUpstream hosted = TestUpstream.start("hosted");
    private static SwitchboardServer router;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        router = SwitchboardServer.start(ConfigLoader.parse("""
                server: {host: 127.0.0.1, port: 0}
                routing: {default_model: hosted}
                guards: {pii: {action: %s, entities: false}}
                models:
                  - name: hosted
                    endpoints: [{url: "%s"}]
                    pii_policy: {allow_by_default: false}
                decisions: [{name: all, model_refs: [{model: hosted}]}]
                """.formatted("redact", hosted.baseUrl()), "tool-pii.yaml"));
    }

    @AfterAll
    static void stop() {
        router.close();
        hosted.close();
    }

    @BeforeEach
    void reset() {
        hosted.reset();
    }

    /** An agent's turn: a named user, an earlier tool call and its result, and the tool's definition. */
    private static ObjectNode agentRequest() {
        ObjectNode body = JSON.createObjectNode().put("model", "auto");
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "user").put("name", "caller " + CALLER).put("content", "Page the on-call.");
        ObjectNode call = messages.addObject().put("role", "assistant");
        call.putNull("content");
        ObjectNode function = call.putArray("tool_calls").addObject().put("id", "c1").put("type", "function")
                .putObject("function").put("name", "page");
        function.put("arguments", "{\"number\": \"" + ON_CALL + "\", \"urgent\": true}");
        messages.addObject().put("role", "tool").put("tool_call_id", "c1").put("content", "paged");
        messages.addObject().put("role", "user").put("content", "Thanks. Did it work?");
        ObjectNode tool = body.putArray("tools").addObject().put("type", "function").putObject("function")
                .put("name", "page").put("description", "Pages the on-call engineer; the fallback is " + ON_CALL);
        tool.putObject("parameters").put("type", "object").putObject("properties").putObject("number")
                .put("type", "string").put("description", "the number to page, e.g. " + EXAMPLE);
        return body;
    }

    private HttpResponse<String> send(ObjectNode body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + router.port()
                        + "/v1/chat/completions")).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void nameToolCallArgumentsAndToolDefinitionsAreRedactedInTheirOwnFields() throws Exception {
        HttpResponse<String> res = send(agentRequest());

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("x-vsr-pii-detected")).hasValue("PHONE_NUMBER");
        JsonNode sent = hosted.lastRequest();
        assertThat(sent.toString()).doesNotContain("555");
        assertThat(sent.at("/messages/0/name").asText()).startsWith("caller [PHONE_NUMBER_");
        JsonNode arguments = JSON.readTree(sent.at("/messages/1/tool_calls/0/function/arguments").asText());
        assertThat(arguments.get("number").asText()).matches("\\[PHONE_NUMBER_\\d]");
        assertThat(arguments.get("urgent").asBoolean()).as("the arguments are still JSON").isTrue();
        assertThat(sent.at("/tools/0/function/description").asText())
                .isEqualTo("Pages the on-call engineer; the fallback is " + arguments.get("number").asText());
        assertThat(sent.at("/tools/0/function/parameters/properties/number/description").asText())
                .startsWith("the number to page, e.g. [PHONE_NUMBER_");
        assertThat(sent.at("/messages/3/content").asText()).isEqualTo("Thanks. Did it work?");
    }

    @Test
    void aRequestWithoutPersonalDataPassesUntouched() throws Exception {
        ObjectNode body = agentRequest();
        ((ObjectNode) body.at("/messages/0")).put("name", "alice");
        ((ObjectNode) body.at("/messages/1/tool_calls/0/function")).put("arguments", "{\"team\": \"db\"}");
        ((ObjectNode) body.at("/tools/0/function")).put("description", "Pages the on-call engineer");
        ((ObjectNode) body.at("/tools/0/function/parameters/properties/number")).put("description", "a team");

        HttpResponse<String> res = send(body);

        assertThat(res.headers().firstValue("x-vsr-pii-detected")).isEmpty();
        assertThat(hosted.lastRequest().at("/messages/1/tool_calls/0/function/arguments").asText())
                .isEqualTo("{\"team\": \"db\"}");
    }
}
