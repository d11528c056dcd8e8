package dev.switchboard.core.config.yaml;

import dev.switchboard.core.config.SwitchboardConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.switchboard.core.config.yaml.ConfigFixtures.BASE;
import static dev.switchboard.core.config.yaml.ConfigFixtures.errorsOf;
import static dev.switchboard.core.config.yaml.ConfigFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class EnvSubstitutionTest {

    @Test
    void substitutesSetVariables() {
        SwitchboardConfig config = parse(BASE.replace("http://127.0.0.1:8000/v1", "http://${QWEN_HOST}:8000/v1"),
                Map.of("QWEN_HOST", "10.0.0.5"));

        assertThat(config.models().get("qwen").endpoints().get(0).url()).isEqualTo("http://10.0.0.5:8000/v1");
    }

    @Test
    void defaultAppliesWhenUnsetOrEmpty() {
        String yaml = BASE + "server:\n  host: ${BIND:-127.0.0.1}\n";

        assertThat(parse(yaml, Map.of()).server().host()).isEqualTo("127.0.0.1");
        assertThat(parse(yaml, Map.of("BIND", "")).server().host()).isEqualTo("127.0.0.1");
        assertThat(parse(yaml, Map.of("BIND", "::1")).server().host()).isEqualTo("::1");
    }

    @Test
    void emptyDefaultIsAllowed() {
        SwitchboardConfig config = parse(BASE
                + "decisions: [{name: d, description: \"${NOTE:-}\", model_refs: [{model: echo}]}]\n");

        assertThat(config.decisions().get(0).description()).isEmpty();
    }

    @Test
    void placeholdersFeedNumbersBooleansAndDurations() {
        SwitchboardConfig config = parse(BASE + """
                server:
                  port: ${PORT}
                upstream:
                  connect_timeout: ${CONNECT_TIMEOUT:-2s}
                decisions:
                  - name: d
                    model_refs: [{model: qwen, use_reasoning: "${THINK}"}]
                """, Map.of("PORT", "9000", "THINK", "true"));

        assertThat(config.server().port()).isEqualTo(9000);
        assertThat(config.upstream().connectTimeout().toSeconds()).isEqualTo(2);
        assertThat(config.decisions().get(0).modelRefs().get(0).useReasoning()).isTrue();
    }

    @Test
    void substitutedTextThatIsNotANumberIsATypeError() {
        List<ConfigError> errors = errorsOf(BASE + "server: {port: \"${PORT}\"}\n", Map.of("PORT", "http"));

        assertThat(errors).extracting(ConfigError::path, ConfigError::message)
                .containsExactly(tuple("server.port", "expected a whole number, got the string \"${PORT}\""));
    }

    /** A secret in the wrong place must not reach the log through the error that says it is in the wrong place. */
    @Test
    void errorsNeverEchoSubstitutedValues() {
        String secret = "sk-live-0123456789abcdef";
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () ->
                ConfigLoader.parse(BASE + """
                        server: {port: "${OPENAI_KEY}", hots: "${OPENAI_KEY}"}
                        upstream: {connect_timeout: "${OPENAI_KEY}", retry: {max_attempts: "x-${OPENAI_KEY}"}}
                        guards: {pii: {action: "${OPENAI_KEY}"}}
                        """, "test.yaml", Map.of("OPENAI_KEY", secret)::get));

        assertThat(e.errors()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(e.getMessage()).doesNotContain(secret).doesNotContain("0123456789")
                .contains("server.port", "server.hots", "upstream.connect_timeout",
                        "upstream.retry.max_attempts", "guards.pii.action", "${OPENAI_KEY}");
    }

    @Test
    void missingVariableIsReportedWithItsNameAndWhereItWasUsed() {
        List<ConfigError> errors = errorsOf(BASE.replace("http://127.0.0.1:8000/v1", "${QWEN_URL}")
                + "server:\n  host: ${BIND}\n");

        assertThat(errors).extracting(ConfigError::path, ConfigError::message).containsExactlyInAnyOrder(
                tuple("models[1].endpoints[0].url", "environment variable `QWEN_URL` is not set"),
                tuple("server.host", "environment variable `BIND` is not set"));
        assertThat(errors).filteredOn(error -> error.path().equals("server.host"))
                .singleElement().extracting(ConfigError::hint).isEqualTo("set it, or give a default: ${BIND:-value}");
    }

    @Test
    void doubleDollarEscapesAPlaceholder() {
        SwitchboardConfig config = parse(BASE + """
                decisions:
                  - name: d
                    description: "costs $${PRICE} or ${PRICE}"
                    model_refs: [{model: echo}]
                """, Map.of("PRICE", "5"));

        assertThat(config.decisions().get(0).description()).isEqualTo("costs ${PRICE} or 5");
    }

    @Test
    void malformedPlaceholdersAreErrors() {
        List<ConfigError> errors = errorsOf(BASE + """
                decisions:
                  - {name: d, description: "${UNCLOSED", model_refs: [{model: echo}]}
                  - {name: e, description: "${1BAD}", model_refs: [{model: echo}]}
                """);

        assertThat(errors).extracting(ConfigError::path).containsExactly(
                "decisions[0].description", "decisions[1].description");
        assertThat(errors.get(0).message()).startsWith("unterminated");
        assertThat(errors.get(1).message()).contains("not a valid placeholder");
    }

    @Test
    void apiKeyEnvMustNameASetVariable() {
        String yaml = BASE + "  - {name: secured, type: echo, api_key_env: SECURED_KEY}\n";

        assertThat(errorsOf(yaml)).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("models[2].api_key_env");
            assertThat(error.message()).isEqualTo("environment variable `SECURED_KEY` is not set");
        });
        assertThat(parse(yaml, Map.of("SECURED_KEY", "sk-test")).models().get("secured").apiKeyEnv())
                .isEqualTo("SECURED_KEY");
    }

    @Test
    void keysAndTextWithoutPlaceholdersAreLeftAlone() {
        SwitchboardConfig config = parse(BASE + """
                decisions:
                  - name: d
                    description: "a $ sign, a {brace} and $HOME stay as written"
                    model_refs: [{model: echo}]
                """);

        assertThat(config.decisions().get(0).description())
                .isEqualTo("a $ sign, a {brace} and $HOME stay as written");
    }
}
