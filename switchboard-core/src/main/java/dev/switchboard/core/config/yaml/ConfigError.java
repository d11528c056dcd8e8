package dev.switchboard.core.config.yaml;

/**
 * One problem found while loading a configuration.
 *
 * @param path    where in the YAML the problem is, e.g. {@code decisions[2].model_refs[0].model}; empty for the
 *                file as a whole (unreadable file, YAML syntax error)
 * @param message what is wrong
 * @param hint    how to fix it, e.g. {@code did you mean `priority`?}; null when there is nothing useful to add
 */
public record ConfigError(String path, String message, String hint) {

    /** One readable line: {@code path: message (hint)}. */
    public String describe() {
        String where = path.isEmpty() ? "<file>" : path;
        return hint == null ? where + ": " + message : where + ": " + message + " (" + hint + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
