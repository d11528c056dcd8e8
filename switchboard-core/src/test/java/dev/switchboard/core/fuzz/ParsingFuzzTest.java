package dev.switchboard.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.core.config.yaml.ConfigException;
import dev.switchboard.core.config.yaml.ConfigLoader;
import dev.switchboard.core.request.ApiException;
import dev.switchboard.core.request.ChatRequest;
import java.nio.charset.StandardCharsets;

/**
 * The two parsers that read input from outside: a chat completions body from any client, and a config file.
 * The property: either a valid object or the parser's own error ({@link ApiException}, {@link ConfigException}),
 * never another exception: anything else would reach a client as a 500, or an operator as a stack trace.
 *
 * <p>Under {@code ./mvnw verify} (no {@code JAZZER_FUZZ}) Jazzer replays the seed inputs in
 * {@code src/test/resources/dev/switchboard/core/fuzz/ParsingFuzzTestInputs/<method>/} and stops. To fuzz, run
 * {@code JAZZER_FUZZ=1 ./mvnw -pl switchboard-core test -Dtest=ParsingFuzzTest}; a crashing input is saved next to
 * the seeds, where it stays as a regression test.
 */
class ParsingFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void chatRequests(byte[] body) {
        try {
            ChatRequest request = ChatRequest.parse(body);
            // what the pipeline reads next must not throw either
            request.userText();
            request.promptText();
            ChatRequest.toBytes(request.body());
        } catch (ApiException expected) {
            // a 400 naming the problem: the outcome for invalid bodies
        }
    }

    @FuzzTest(maxDuration = "60s")
    void configFiles(byte[] file) {
        try {
            ConfigLoader.parse(new String(file, StandardCharsets.UTF_8), "fuzz.yaml",
                    name -> name.startsWith("SET_") ? "value-of-" + name : null);
        } catch (ConfigException expected) {
            // every problem listed with its path: the outcome for invalid files
        }
    }
}
