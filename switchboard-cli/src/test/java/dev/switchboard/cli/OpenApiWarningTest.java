package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.switchboard.core.config.yaml.ConfigLoader;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A router started without client keys says, at WARN, that its API is open; with keys it does not. */
class OpenApiWarningTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(RouterProcess.class);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    @BeforeEach
    void capture() {
        events.start();
        logger.addAppender(events);
    }

    @AfterEach
    void release() {
        logger.detachAppender(events);
    }

    private static String config(String host, String extra) {
        return """
                server: {host: %s, port: 0}
                admin: {enabled: false}
                routing: {default_model: echo}
                models: [{name: echo, type: echo}]
                """.formatted(host) + extra;
    }

    private List<String> warnings() {
        return events.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void anOpenApiOnEveryInterfaceIsALoudWarning() {
        try (RouterProcess router = RouterProcess.start(ConfigLoader.parse(config("0.0.0.0", ""), "t.yaml"))) {
            assertThat(warnings()).singleElement().satisfies(w -> assertThat(w)
                    .contains("WARNING", "OPEN", "0.0.0.0:" + router.port(), "Securing Switchboard"));
        }
    }

    @Test
    void withKeysThereIsNoWarning() {
        String auth = "auth: {keys: [{name: app, key: sk-app-0123456789abcdef}]}\n";
        try (RouterProcess ignored = RouterProcess.start(ConfigLoader.parse(config("127.0.0.1", auth), "t.yaml"))) {
            assertThat(warnings()).isEmpty();
        }
    }
}
