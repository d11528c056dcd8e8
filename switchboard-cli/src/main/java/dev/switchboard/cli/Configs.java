package dev.switchboard.cli;

import dev.switchboard.core.config.yaml.ConfigLoader;
import dev.switchboard.core.config.SwitchboardConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Config helpers for the commands: the embedded demo config and command-line overrides. */
final class Configs {

    static final String DEMO_RESOURCE = "/switchboard/demo.yaml";

    private Configs() {}

    static SwitchboardConfig demo() {
        return ConfigLoader.parse(demoYaml(), "demo.yaml");
    }

    /** The demo config's YAML, as the dashboard's config page shows it. */
    static String demoYaml() {
        try (InputStream in = Configs.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + DEMO_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SwitchboardConfig withPort(SwitchboardConfig c, int port) {
        return c.withPort(port);
    }
}
