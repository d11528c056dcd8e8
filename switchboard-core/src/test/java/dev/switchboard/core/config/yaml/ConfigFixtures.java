package dev.switchboard.core.config.yaml;

import dev.switchboard.core.config.SwitchboardConfig;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Small YAML snippets and helpers shared by the configuration tests. */
final class ConfigFixtures {

    /** Two models and a default: the smallest useful valid configuration, to which tests append sections. */
    static final String BASE = """
            routing:
              default_model: echo
            models:
              - name: echo
                type: echo
              - name: qwen
                endpoints:
                  - url: http://127.0.0.1:8000/v1
            """;

    static final Function<String, String> NO_ENV = name -> null;

    private ConfigFixtures() {}

    static SwitchboardConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, "test.yaml", NO_ENV);
    }

    static SwitchboardConfig parse(String yaml, Map<String, String> env) {
        return ConfigLoader.parse(yaml, "test.yaml", env::get);
    }

    static List<ConfigError> errorsOf(String yaml) {
        return errorsOf(yaml, Map.of());
    }

    static List<ConfigError> errorsOf(String yaml, Map<String, String> env) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(yaml, env));
        assertThat(e).as("expected the configuration to be rejected").isNotNull();
        return e.errors();
    }

    /** The single error the snippet produces. */
    static ConfigError onlyErrorOf(String yaml) {
        List<ConfigError> errors = errorsOf(yaml);
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }
}
