package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import org.junit.jupiter.api.Test;

/** The embedded demo config routes with the echo backends, as the README promises. */
class DemoTest {

    private static String ask(OpenAIClient client, String question) {
        return client.chat().completions()
                .create(ChatCompletionCreateParams.builder().model("auto").addUserMessage(question).build())
                .choices().get(0).message().content().orElse("");
    }

    @Test
    void demoRoutesMathCodeAndGreetings() {
        try (RouterProcess router = RouterProcess.start(Configs.withPort(Configs.demo(), 0))) {
            OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + router.port() + "/v1")
                    .apiKey("demo").build();
            assertThat(ask(client, "What is the integral of x^2?")).contains("model=math-32b", "decision=math",
                    "reasoning=on");
            assertThat(ask(client, "Why does my python function return None?")).contains("model=code-v3");
            assertThat(ask(client, "hello")).startsWith("Hello! I'm Switchboard's demo.");
            assertThat(ask(client, "Tell me about the Roman empire")).contains("model=general-8b",
                    "decision=none");
        }
    }
}
