package dev.switchboard.server.dashboard;

import dev.switchboard.core.config.SwitchboardConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.UnaryOperator;

/**
 * Where the running config's YAML lives, for the dashboard's config page: a file (an applied edit rewrites it, so
 * a restart keeps it) or text held in memory (the demo, tests: an applied edit lasts until the process stops).
 *
 * @param override what the command line changes in every version (e.g. {@code --port}); applied after parsing
 */
public final class ConfigSource {

    private final Path file;
    private final UnaryOperator<SwitchboardConfig> override;
    private volatile String text;

    private ConfigSource(Path file, String text, UnaryOperator<SwitchboardConfig> override) {
        this.file = file;
        this.text = text;
        this.override = override;
    }

    /** The config file {@code serve} runs from. */
    public static ConfigSource file(Path file, UnaryOperator<SwitchboardConfig> override) {
        return new ConfigSource(file, null, override);
    }

    /** Config text with no file behind it. */
    public static ConfigSource text(String yaml, UnaryOperator<SwitchboardConfig> override) {
        return new ConfigSource(null, yaml, override);
    }

    /** The YAML as it stands: the file's content (re-read, it may have been edited by hand) or the text. */
    String read() {
        if (file == null) {
            return text;
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores {@code yaml} as the new version; a file is replaced whole (write beside it, then rename). */
    void write(String yaml) {
        if (file == null) {
            text = yaml;
            return;
        }
        try {
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".switchboard-", ".yaml");
            Files.writeString(temp, yaml, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SwitchboardConfig override(SwitchboardConfig parsed) {
        return override.apply(parsed);
    }

    /** A name for error messages: the file's, or {@code running config}. */
    String name() {
        return file == null ? "running config" : file.getFileName().toString();
    }

    /** The file an apply rewrites, or null. */
    Path file() {
        return file;
    }
}
