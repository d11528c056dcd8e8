package dev.switchboard.core.config.yaml;

import dev.switchboard.core.config.ModelConfig;
import dev.switchboard.core.config.ReasoningFamily;
import dev.switchboard.core.config.RoutingSettings;
import dev.switchboard.core.config.ServerSettings;
import dev.switchboard.core.config.SignalsConfig;
import dev.switchboard.core.config.SwitchboardConfig;
import dev.switchboard.core.config.UpstreamSettings;
import dev.switchboard.core.config.ModelConfig.BackendType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.switchboard.core.config.yaml.ConfigFixtures.BASE;
import static dev.switchboard.core.config.yaml.ConfigFixtures.errorsOf;
import static dev.switchboard.core.config.yaml.ConfigFixtures.onlyErrorOf;
import static dev.switchboard.core.config.yaml.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class ConfigLoaderTest {

    @Test
    void minimalConfigGetsEveryDefault() {
        SwitchboardConfig config = parse(BASE);

        assertThat(config.server()).isEqualTo(ServerSettings.DEFAULTS);
        assertThat(config.upstream()).isEqualTo(UpstreamSettings.DEFAULTS);
        assertThat(config.routing()).isEqualTo(new RoutingSettings(List.of("auto", "MoM"), "echo"));
        assertThat(config.signals()).isEqualTo(SignalsConfig.EMPTY);
        assertThat(config.decisions()).isEmpty();
        assertThat(config.models().get("qwen")).isEqualTo(new ModelConfig("qwen", BackendType.OPENAI, "qwen",
                ReasoningFamily.NONE, List.of(new ModelConfig.EndpointConfig("http://127.0.0.1:8000/v1", 1)), null,
                ModelConfig.Pricing.FREE));
        assertThat(config.models().get("echo").endpoints()).isEmpty();
    }

    @Test
    void explicitValuesOverrideDefaults() {
        SwitchboardConfig config = parse(BASE + """
                server: {host: 127.0.0.1, port: 0, max_body_bytes: 1024}
                upstream:
                  connect_timeout: 250ms
                  retry: {max_attempts: 1}
                """);

        assertThat(config.server()).isEqualTo(new ServerSettings("127.0.0.1", 0, 1024));
        assertThat(config.upstream().connectTimeout().toMillis()).isEqualTo(250);
        assertThat(config.upstream().retry().maxAttempts()).isEqualTo(1);
        assertThat(config.upstream().idleTimeout()).isEqualTo(UpstreamSettings.DEFAULTS.idleTimeout());
    }

    @Test
    void reportsEveryMistakeOfABrokenFileAtOnce() {
        ConfigException e = catchConfigException(() -> ConfigLoader.load(
                Path.of("src/test/resources/config/many-mistakes.yaml"), ConfigFixtures.NO_ENV));

        assertThat(e.errors()).extracting(ConfigError::path).containsExactlyInAnyOrder(
                "server.max_body_byts",
                "server.port",
                "upstream.connect_timeout",
                "upstream.retry.max_attempts",
                "models[0].reasoning_family",
                "models[0].endpoints[0].url",
                "models[0].endpoints[0].weight",
                "models[1].name",
                "models[2].endpoints",
                "signals.keywords[0].keywords",
                "routing.default_model",
                "decisions[0].priorty",
                "decisions[0].rules.conditions[1].name",
                "decisions[0].rules.conditions",
                "decisions[0].model_refs[0].reasoning_effort",
                "decisions[0].model_refs[1].model",
                "decisions[1].name",
                "decisions[1].model_refs",
                "decisions[1].plugins[0].type");
        assertThat(e.errors()).extracting(ConfigError::path, ConfigError::hint).contains(
                tuple("decisions[0].model_refs[1].model", "did you mean `qwen3-8b`? known models: llama, qwen3-8b"),
                tuple("routing.default_model", "known models: llama, qwen3-8b"));
        assertThat(e.getMessage().lines()).hasSize(1 + e.errors().size())
                .first().asString().contains("many-mistakes.yaml", "19 errors");
    }

    @Test
    void unknownKeyHintSuggestsTheClosestKnownKey() {
        ConfigError error = onlyErrorOf(BASE + """
                decisions:
                  - name: math
                    priorty: 3
                    model_refs: [{model: qwen}]
                """);

        assertThat(error.path()).isEqualTo("decisions[0].priorty");
        assertThat(error.message()).isEqualTo("unknown key `priorty`");
        assertThat(error.hint()).startsWith("did you mean `priority`?");
    }

    @Test
    void camelCaseKeysAreMatchedToTheirSnakeCaseSpelling() {
        ConfigError error = onlyErrorOf(BASE + "server: {maxBodyBytes: 10}\n");

        assertThat(error.hint()).startsWith("did you mean `max_body_bytes`?");
    }

    @Test
    void unknownTopLevelKeyIsAnError() {
        ConfigError error = onlyErrorOf(BASE + "decision: []\n");

        assertThat(error.path()).isEqualTo("decision");
        assertThat(error.hint()).startsWith("did you mean `decisions`?");
    }

    @Test
    void wrongTypesAreReportedWithWhatWasFound() {
        List<ConfigError> errors = errorsOf(BASE + """
                server: {port: "8080", host: [a, b]}
                upstream: {retry: 3}
                """);

        assertThat(errors).extracting(ConfigError::path, ConfigError::message).containsExactlyInAnyOrder(
                tuple("server.port", "expected a whole number, got the string \"8080\""),
                tuple("server.host", "expected a single value, got a list"),
                tuple("upstream.retry", "expected a mapping, got the number 3"));
    }

    @Test
    void numberWhereAStringBelongsSuggestsQuoting() {
        ConfigError error = onlyErrorOf(BASE.replace("name: qwen", "name: 42"));

        assertThat(error.path()).isEqualTo("models[1].name");
        assertThat(error.hint()).isEqualTo("quote it: \"42\"");
    }

    @Test
    void enumValuesAreCaseInsensitiveAndAcceptDashes() {
        SwitchboardConfig config = parse(BASE + """
                  - {name: a, type: ECHO, reasoning_family: GPT-OSS}
                  - {name: b, type: Echo, reasoning_family: DeepSeek}
                """);

        assertThat(config.models().get("a").type()).isEqualTo(BackendType.ECHO);
        assertThat(config.models().get("a").reasoningFamily()).isEqualTo(ReasoningFamily.GPT_OSS);
        assertThat(config.models().get("b").reasoningFamily()).isEqualTo(ReasoningFamily.DEEPSEEK);
    }

    @Test
    void unknownEnumValueListsTheAllowedOnes() {
        ConfigError error = onlyErrorOf(BASE.replace("type: echo", "type: mock"));

        assertThat(error.path()).isEqualTo("models[0].type");
        assertThat(error.hint()).isEqualTo("expected one of: openai, echo");
    }

    @Test
    void openaiModelNeedsEndpointsButEchoDoesNot() {
        ConfigError error = onlyErrorOf(BASE + "  - {name: bare}\n");

        assertThat(error.path()).isEqualTo("models[2].endpoints");
        assertThat(error.hint()).contains("type: echo");
    }

    @Test
    void endpointUrlsMustBeAbsoluteHttp() {
        List<ConfigError> errors = errorsOf(BASE + """
                  - name: broken
                    endpoints: [{url: "localhost:8000"}, {url: /v1}, {url: "http://exa mple"}, {url: https://ok/v1}]
                """);

        assertThat(errors).extracting(ConfigError::path).containsExactly(
                "models[2].endpoints[0].url", "models[2].endpoints[1].url", "models[2].endpoints[2].url");
    }

    @Test
    void negativePricesAreRejected() {
        ConfigError error = onlyErrorOf(BASE + "  - {name: paid, type: echo, pricing: {input_per_1m: -1}}\n");

        assertThat(error.path()).isEqualTo("models[2].pricing.input_per_1m");
    }

    @Test
    void pricingAcceptsWholeAndDecimalNumbers() {
        ModelConfig paid = parse(BASE + "  - {name: paid, type: echo, pricing: {input_per_1m: 1, output_per_1m: 2.5}}")
                .models().get("paid");

        assertThat(paid.pricing()).isEqualTo(new ModelConfig.Pricing(1, 2.5));
    }

    @Test
    void duplicateNamesAreErrorsThatPointAtTheFirstDefinition() {
        List<ConfigError> errors = errorsOf(BASE + """
                  - {name: echo, type: echo}
                signals:
                  keywords:
                    - {name: k, keywords: [a]}
                    - {name: k, keywords: [b]}
                decisions:
                  - {name: d, model_refs: [{model: echo}]}
                  - {name: d, model_refs: [{model: echo}]}
                """);

        assertThat(errors).extracting(ConfigError::path, ConfigError::message).containsExactlyInAnyOrder(
                tuple("models[2].name", "duplicate model name `echo`"),
                tuple("signals.keywords[1].name", "duplicate keyword rule name `k`"),
                tuple("decisions[1].name", "duplicate decision name `d`"));
        assertThat(errors.get(0).hint()).contains("models[0]");
    }

    @Test
    void missingRoutingSectionIsReportedAsAMissingDefaultModel() {
        ConfigError error = onlyErrorOf(BASE.replace("routing:\n  default_model: echo\n", ""));

        assertThat(error.path()).isEqualTo("routing.default_model");
        assertThat(error.hint()).endsWith("known models: echo, qwen");
    }

    @Test
    void missingDefaultModelIsReported() {
        ConfigError error = onlyErrorOf(BASE.replace("default_model: echo", "auto_model_names: [auto]"));

        assertThat(error.path()).isEqualTo("routing.default_model");
        assertThat(error.message()).isEqualTo("missing required key `default_model`");
    }

    @Test
    void unknownDefaultModelSuggestsAKnownOne() {
        ConfigError error = onlyErrorOf(BASE.replace("default_model: echo", "default_model: Qwen"));

        assertThat(error.hint()).startsWith("did you mean `qwen`?");
    }

    @Test
    void autoModelNamesMayNotShadowAModel() {
        ConfigError error = onlyErrorOf(BASE.replace("default_model: echo",
                "default_model: echo\n  auto_model_names: [auto, qwen]"));

        assertThat(error.path()).isEqualTo("routing.auto_model_names");
    }

    @Test
    void atLeastOneModelIsRequired() {
        assertThat(errorsOf("routing: {default_model: x}\nmodels: []\n")).extracting(ConfigError::path)
                .containsExactlyInAnyOrder("models", "routing.default_model");
        assertThat(errorsOf("routing: {default_model: x}\n")).extracting(ConfigError::path)
                .containsExactlyInAnyOrder("models", "routing.default_model");
    }

    @Test
    void retryBackoffsMustBeOrdered() {
        ConfigError error = onlyErrorOf(BASE + "upstream: {retry: {initial_backoff: 5s, max_backoff: 1s}}\n");

        assertThat(error.path()).isEqualTo("upstream.retry.max_backoff");
    }

    @Test
    void portMustBeInRange() {
        assertThat(onlyErrorOf(BASE + "server: {port: 70000}\n").path()).isEqualTo("server.port");
    }

    @Test
    void malformedYamlReportsLineAndColumn() {
        ConfigError error = onlyErrorOf("""
                server:
                  port: 8801
                 host: oops
                """);

        assertThat(error.path()).isEmpty();
        assertThat(error.message()).startsWith("YAML syntax error at line 3, column 2:");
    }

    @Test
    void duplicateYamlKeysAreRejectedRatherThanSilentlyOverwritten() {
        ConfigError error = onlyErrorOf(BASE + "server: {port: 1}\nserver: {port: 2}\n");

        assertThat(error.message()).contains("line", "duplicate key 'server'");
    }

    @Test
    void emptyAndNonMappingDocumentsAreReported() {
        assertThat(onlyErrorOf("").message()).isEqualTo("the configuration is empty");
        assertThat(onlyErrorOf("# only a comment\n").message()).isEqualTo("the configuration is empty");
        assertThat(onlyErrorOf("- a\n- b\n").message()).contains("got a list");
    }

    @Test
    void missingFileIsAConfigException(@TempDir Path dir) {
        ConfigException e = catchConfigException(() -> ConfigLoader.load(dir.resolve("absent.yaml")));

        assertThat(e.errors()).singleElement().extracting(ConfigError::message).isEqualTo("file not found");
    }

    @Test
    void nonUtf8FileIsAConfigException(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("latin1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});

        assertThat(catchConfigException(() -> ConfigLoader.load(file)).errors())
                .singleElement().extracting(ConfigError::message).isEqualTo("file is not valid UTF-8");
    }

    @Test
    void exceptionMessageListsOneErrorPerLine() {
        ConfigException e = catchConfigException(() -> parse(BASE + "server: {port: x, host: ''}\n"));

        assertThat(e.getMessage()).isEqualTo("""
                Invalid configuration in test.yaml (2 errors):
                  - server.host: `host` must not be empty (use 0.0.0.0 for every interface)
                  - server.port: expected a whole number, got the string "x\"""");
    }

    private static ConfigException catchConfigException(Runnable load) {
        assertThatThrownBy(load::run).isInstanceOf(ConfigException.class);
        try {
            load.run();
            throw new AssertionError("unreachable");
        } catch (ConfigException e) {
            return e;
        }
    }
}
