package dev.switchboard.core.config.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** State shared by every {@link ConfigNode} of one load: the environment and the errors found so far. */
final class ReadContext {

    private final Function<String, String> env;
    private final List<ConfigError> errors = new ArrayList<>();

    ReadContext(Function<String, String> env) {
        this.env = env;
    }

    /** Looks up an environment variable; null when unset. */
    String env(String name) {
        return env.apply(name);
    }

    void error(String path, String message, String hint) {
        errors.add(new ConfigError(path, message, hint));
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
