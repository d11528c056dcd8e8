package dev.switchboard.core.pipeline;

import static dev.switchboard.core.TestConfigs.anyOf;
import static dev.switchboard.core.TestConfigs.config;
import static dev.switchboard.core.TestConfigs.decision;
import static dev.switchboard.core.TestConfigs.echo;
import static dev.switchboard.core.TestConfigs.keyword;
import static dev.switchboard.core.TestConfigs.keywords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.config.DecisionConfig;
import dev.switchboard.core.config.PluginConfig;
import dev.switchboard.core.config.PluginConfig.SystemPrompt;
import dev.switchboard.core.config.ReasoningFamily;
import dev.switchboard.core.config.RuleNode;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.plan.ResponsePath;
import dev.switchboard.core.plan.RoutePlan;
import dev.switchboard.core.request.ApiException;
import dev.switchboard.core.request.ChatRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SwitchboardConfig config = config(
            List.of(echo("general", ReasoningFamily.NONE), echo("qwen", ReasoningFamily.QWEN3),
                    echo("oss", ReasoningFamily.GPT_OSS), echo("deepseek", ReasoningFamily.DEEPSEEK)),
            keywords(anyOf("math", "integral", "derivative"), anyOf("hello", "hi", "hello")),
            List.of(
                    new DecisionConfig("math", "", 10, keyword("math"), List.of(
                            new DecisionConfig.ModelRef("qwen", true, null),
                            new DecisionConfig.ModelRef("oss", true, "high"),
                            new DecisionConfig.ModelRef("deepseek", false, null)),
                            List.of(new SystemPrompt("You are a mathematician.", SystemPrompt.Mode.INSERT))),
                    decision("greeting", 5, keyword("hello"), List.of("general"),
                            new PluginConfig.FastResponse("Hello from the router!"))));

    private final RouterPipeline pipeline = new RouterPipeline(config);

    private static ChatRequest request(String model, String user, String system) {
        String sys = system == null ? "" : "{\"role\":\"system\",\"content\":\"" + system + "\"},";
        return ChatRequest.parse(("{\"model\":\"" + model + "\",\"messages\":[" + sys
                + "{\"role\":\"user\",\"content\":\"" + user + "\"}]}").getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode sent(RoutePlan plan, int target) throws Exception {
        return JSON.readTree(plan.bodyFor(plan.targets().get(target)));
    }

    @Test
    void autoRoutesByDecisionWithFallbackChainEndingInDefault() {
        RoutePlan plan = pipeline.plan(request("auto", "what is the integral of x", null));
        assertThat(plan.decision()).isEqualTo("math");
        assertThat(plan.targets()).extracting(t -> t.model().name())
                .containsExactly("qwen", "oss", "deepseek", "general");
        assertThat(plan.signals().all()).extracting(Object::toString).containsExactly("keyword:math");
    }

    @Test
    void rewritesModelAndReasoningPerFamily() throws Exception {
        RoutePlan plan = pipeline.plan(request("MoM", "derivative please", null));
        assertThat(sent(plan, 0).get("model").asText()).isEqualTo("provider/qwen");
        assertThat(sent(plan, 0).at("/chat_template_kwargs/enable_thinking").asBoolean()).isTrue();
        assertThat(sent(plan, 1).get("reasoning_effort").asText()).isEqualTo("high");
        assertThat(sent(plan, 2).at("/chat_template_kwargs/thinking").isBoolean()).isTrue();
        assertThat(sent(plan, 2).at("/chat_template_kwargs/thinking").asBoolean()).isFalse();
        assertThat(sent(plan, 3).has("chat_template_kwargs")).isFalse();
        assertThat(sent(plan, 3).has("reasoning_effort")).isFalse();
    }

    @Test
    void insertsSystemPromptBeforeTheClientsOwn() throws Exception {
        JsonNode body = sent(pipeline.plan(request("auto", "integral", "Answer in French.")), 0);
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(body.at("/messages/0/content").asText())
                .isEqualTo("You are a mathematician.\n\nAnswer in French.");
        assertThat(body.get("messages")).hasSize(2);
    }

    @Test
    void replaceModeDropsClientSystemMessages() throws Exception {
        SwitchboardConfig replace = config(List.of(echo("general", ReasoningFamily.NONE)), keywords(),
                List.of(decision("all", 0, new RuleNode.Always(), List.of("general"),
                        new SystemPrompt("Only this.", SystemPrompt.Mode.REPLACE))));
        JsonNode body = sent(new RouterPipeline(replace).plan(request("auto", "x", "client system")), 0);
        assertThat(body.get("messages")).hasSize(2);
        assertThat(body.at("/messages/0/content").asText()).isEqualTo("Only this.");
    }

    @Test
    void fastResponseAnswersWithoutAModel() {
        RoutePlan plan = pipeline.plan(request("auto", "hello there", null));
        assertThat(plan.path()).isEqualTo(ResponsePath.FAST_RESPONSE);
        assertThat(plan.fastResponse()).isEqualTo("Hello from the router!");
        assertThat(plan.decision()).isEqualTo("greeting");
    }

    @Test
    void unmatchedAutoGoesToDefaultModelWithoutDecision() {
        RoutePlan plan = pipeline.plan(request("auto", "tell me a story", null));
        assertThat(plan.decision()).isNull();
        assertThat(plan.targets()).extracting(t -> t.model().name()).containsExactly("general");
    }

    @Test
    void concreteModelPassesStraightThrough() throws Exception {
        RoutePlan plan = pipeline.plan(request("oss", "integral of x", "keep mine"));
        assertThat(plan.decision()).isNull();
        assertThat(plan.targets()).extracting(t -> t.model().name()).containsExactly("oss");
        JsonNode body = sent(plan, 0);
        assertThat(body.get("model").asText()).isEqualTo("provider/oss");
        assertThat(body.at("/messages/0/content").asText()).isEqualTo("keep mine");
        assertThat(body.has("reasoning_effort")).isFalse();
    }

    @Test
    void unknownModelIsRejected() {
        assertThatThrownBy(() -> pipeline.plan(request("gpt-17", "hi", null)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("model_not_found");
                    assertThat(e.getMessage()).contains("gpt-17");
                });
    }

    @Test
    void keywordsMatchWholeWordsCaseInsensitively() {
        assertThat(pipeline.plan(request("auto", "An INTEGRAL question", null)).decision()).isEqualTo("math");
        assertThat(pipeline.plan(request("auto", "integrals", null)).decision()).isNull();
    }
}
