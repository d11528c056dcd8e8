package dev.switchboard.core.config.yaml;

import dev.switchboard.core.config.SwitchboardConfig;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Loads and validates a Switchboard YAML configuration (see {@code config/reference.yaml} for every key).
 *
 * <p>Validation is all-or-nothing and exhaustive: either a fully checked {@link SwitchboardConfig} comes back, or
 * a {@link ConfigException} listing every problem in the file, each with its YAML path and a hint. String values
 * may use {@code ${VAR}} and {@code ${VAR:-default}} to read environment variables.
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            // the last of two equal keys would silently win otherwise
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    private static final String SYNTAX_HINT = "check indentation and quoting around that line";

    private ConfigLoader() {}

    /** Loads {@code file}, substituting {@code ${VAR}} from the process environment. */
    public static SwitchboardConfig load(Path file) {
        return load(file, System::getenv);
    }

    /**
     * Loads {@code file}, substituting {@code ${VAR}} from {@code env}.
     *
     * @param env looks up an environment variable by name, null when unset
     * @throws ConfigException if the file cannot be read or is invalid
     */
    public static SwitchboardConfig load(Path file, Function<String, String> env) {
        return parse(read(file), file.toString(), env);
    }

    /** Parses {@code yaml}, substituting {@code ${VAR}} from the process environment. */
    public static SwitchboardConfig parse(String yaml, String sourceName) {
        return parse(yaml, sourceName, System::getenv);
    }

    /**
     * Parses {@code yaml}, substituting {@code ${VAR}} from {@code env}.
     *
     * @param sourceName where the text came from, for error messages (usually the file name)
     * @param env        looks up an environment variable by name, null when unset
     * @throws ConfigException listing every problem found
     */
    public static SwitchboardConfig parse(String yaml, String sourceName, Function<String, String> env) {
        ReadContext context = new ReadContext(env);
        SwitchboardConfig config = RootReader.read(ConfigNode.root(tree(yaml, sourceName), context));
        if (context.hasErrors()) {
            throw new ConfigException(sourceName, context.errors());
        }
        return config;
    }

    private static JsonNode tree(String yaml, String sourceName) {
        try {
            return YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException(sourceName, List.of(syntaxError(e)));
        }
    }

    private static ConfigError syntaxError(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            return syntaxError(yaml.getProblemMark(), yaml.getProblem() + context(yaml));
        }
        String message = firstLine(e.getOriginalMessage());
        if (message.startsWith("Duplicate field")) {
            message = message.replace("Duplicate field", "duplicate key") + "; a key may appear once per mapping";
        }
        JsonLocation location = e.getLocation();
        String where = location == null ? "" : " at line " + location.getLineNr() + ", column "
                + location.getColumnNr();
        return new ConfigError("", "YAML syntax error" + where + ": " + message, SYNTAX_HINT);
    }

    private static ConfigError syntaxError(Mark mark, String problem) {
        // snakeyaml counts from zero; editors count from one
        return new ConfigError("", "YAML syntax error at line " + (mark.getLine() + 1) + ", column "
                + (mark.getColumn() + 1) + ": " + problem, SYNTAX_HINT);
    }

    /** snakeyaml's context says which structure was open, e.g. a block mapping started two lines above. */
    private static String context(MarkedYAMLException yaml) {
        if (yaml.getContext() == null || yaml.getContextMark() == null) {
            return "";
        }
        return "; " + yaml.getContext() + " at line " + (yaml.getContextMark().getLine() + 1);
    }

    /**
     * Parses raw file content; for callers that already hold the bytes, such as {@link ConfigWatcher}, which
     * must validate exactly the content it fingerprinted.
     */
    static SwitchboardConfig parse(byte[] content, String sourceName, Function<String, String> env) {
        return parse(decode(content, sourceName), sourceName, env);
    }

    private static String read(Path file) {
        try {
            return decode(Files.readAllBytes(file), file.toString());
        } catch (NoSuchFileException e) {
            throw fileError(file.toString(), "file not found", "check the path; relative paths start at "
                    + Path.of("").toAbsolutePath());
        } catch (IOException e) {
            throw fileError(file.toString(), "cannot read file: " + e, null);
        }
    }

    private static String decode(byte[] content, String sourceName) {
        try {
            // a strict decoder: a stray Latin-1 byte should fail loudly, not become a replacement character
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw fileError(sourceName, "file is not valid UTF-8", "save it as UTF-8");
        }
    }

    private static ConfigException fileError(String sourceName, String message, String hint) {
        return new ConfigException(sourceName, List.of(new ConfigError("", message, hint)));
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "malformed YAML";
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).trim();
    }
}
