package dev.switchboard.core.config.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * State shared by every {@link ConfigNode} of one load: the environment and the errors found so far.
 *
 * <p>Environment variables carry secrets (API keys, passwords), and an error about the value they were substituted
 * into would print it, into a log or a terminal. So every value read from the environment is remembered, and each
 * error message and hint shows {@code ${NAME}} in its place.
 */
final class ReadContext {

    /** Shorter values are not masked: they would blank out unrelated digits and words of a message. */
    static final int MIN_MASKED_LENGTH = 4;

    private final Function<String, String> env;
    private final List<ConfigError> errors = new ArrayList<>();
    private final Map<String, String> substituted = new LinkedHashMap<>();

    ReadContext(Function<String, String> env) {
        this.env = env;
    }

    /** Looks up an environment variable; null when unset. */
    String env(String name) {
        String value = env.apply(name);
        if (value != null && value.length() >= MIN_MASKED_LENGTH) {
            substituted.putIfAbsent(value, "${" + name + "}");
        }
        return value;
    }

    void error(String path, String message, String hint) {
        errors.add(new ConfigError(path, masked(message), masked(hint)));
    }

    /** {@code text} with every substituted environment value replaced by the placeholder that brought it in. */
    private String masked(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Map.Entry<String, String> secret : substituted.entrySet()) {
            out = out.replace(secret.getKey(), secret.getValue());
        }
        return out;
    }

    List<ConfigError> errors() {
        return List.copyOf(errors);
    }

    int errorCount() {
        return errors.size();
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }
}
