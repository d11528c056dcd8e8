package dev.switchboard.core.config.yaml;

import java.util.List;

/**
 * A configuration could not be loaded. Carries every problem found, not just the first, so an operator can fix a
 * file in one pass; {@link #getMessage()} lists them one per line.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String sourceName;
    private final List<ConfigError> errors;

    public ConfigException(String sourceName, List<ConfigError> errors) {
        super(format(sourceName, errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        this.sourceName = sourceName;
        this.errors = List.copyOf(errors);
    }

    /** The file or other source the configuration came from. */
    public String sourceName() {
        return sourceName;
    }

    /** Every problem found, in the order they were found. */
    public List<ConfigError> errors() {
        return errors;
    }

    private static String format(String sourceName, List<ConfigError> errors) {
        StringBuilder text = new StringBuilder("Invalid configuration in ").append(sourceName)
                .append(" (").append(errors.size()).append(errors.size() == 1 ? " error):" : " errors):");
        for (ConfigError error : errors) {
            text.append("\n  - ").append(error.describe());
        }
        return text.toString();
    }
}
