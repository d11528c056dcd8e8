package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchboard.core.config.yaml.ConfigLoader;
import dev.switchboard.core.config.SwitchboardConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An encoder loaded from a directory by config, as a user brings their own Hugging Face ONNX export. */
class CustomEncoderTest {

    @TempDir
    static Path modelDir;

    private static void copy(String resource, Path target) throws Exception {
        try (InputStream in = CustomEncoderTest.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target);
        }
    }

    private static SwitchboardConfig config(String modelPath, boolean domain) throws Exception {
        if (!Files.exists(modelDir.resolve("model.onnx"))) {
            copy("bge-small-en-v1.5-q.onnx", modelDir.resolve("model.onnx"));
            copy("bge-small-en-v1.5-q-tokenizer.json", modelDir.resolve("tokenizer.json"));
        }
        return ConfigLoader.parse("""
                server: {host: 127.0.0.1, port: 0}
                routing: {default_model: general}
                encoder: {model_path: "%s", pooling: cls, max_tokens: 128}
                models: [{name: general, type: echo}, {name: support, type: echo}]
                signals:
                  %s
                  embeddings:
                    - {name: refund, candidates: ["I want a refund", "give me my money back"], threshold: 0.75}
                decisions:
                  - {name: refunds, rules: {type: embedding, name: refund}, model_refs: [{model: support}]}
                """.formatted(modelPath, domain ? "domain: {}" : ""), "custom-encoder.yaml");
    }

    @Test
    void embeddingRulesRunOnAnEncoderFromADirectory() throws Exception {
        try (RouterProcess router = RouterProcess.start(config(modelDir.toString(), false))) {
            String answer = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + router.port() + "/v1")
                    .apiKey("k").build().chat().completions().create(ChatCompletionCreateParams.builder()
                            .model("auto").addUserMessage("please refund my money, the item broke").build())
                    .choices().get(0).message().content().orElse("");
            assertThat(answer).contains("model=support", "decision=refunds");
        }
    }

    @Test
    void theBundledHeadIsRefusedForAnotherEncoder() throws Exception {
        assertThatThrownBy(() -> RouterProcess.start(config(modelDir.toString(), true)))
                .hasMessageContaining("bge-small-en-v1.5-int8");
    }

    @Test
    void aMissingModelNamesThePath() throws Exception {
        assertThatThrownBy(() -> RouterProcess.start(config(modelDir.resolve("nope").toString(), false)))
                .hasMessageContaining(modelDir.resolve("nope").toString());
    }
}
