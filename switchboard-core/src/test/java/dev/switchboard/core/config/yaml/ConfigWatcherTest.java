package dev.switchboard.core.config.yaml;

import dev.switchboard.core.config.SwitchboardConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static dev.switchboard.core.config.yaml.ConfigFixtures.BASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

class ConfigWatcherTest {

    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private Path file;
    private final List<SwitchboardConfig> received = new CopyOnWriteArrayList<>();
    private ConfigWatcher watcher;

    @BeforeEach
    void startWatching() throws IOException {
        file = dir.resolve("switchboard.yaml");
        Files.writeString(file, withPort(8801));
        SwitchboardConfig initial = ConfigLoader.load(file, ConfigFixtures.NO_ENV);
        watcher = ConfigWatcher.start(file, initial, received::add, POLL, ConfigFixtures.NO_ENV);
    }

    @AfterEach
    void stopWatching() {
        watcher.close();
    }

    @Test
    void validEditReachesTheListener() throws IOException {
        replaceFile(withPort(9001));

        awaitUntil(() -> !received.isEmpty());
        assertThat(received).singleElement().extracting(config -> config.server().port()).isEqualTo(9001);
        assertThat(watcher.current().server().port()).isEqualTo(9001);
    }

    @Test
    void fileRewrittenInPlaceIsPickedUp() throws IOException {
        Files.writeString(file, withPort(9002));

        awaitUntil(() -> watcher.current().server().port() == 9002);
        assertThat(received).last().extracting(config -> config.server().port()).isEqualTo(9002);
    }

    @Test
    void invalidEditIsRejectedAndTheOldConfigKeepsServing() throws IOException {
        SwitchboardConfig before = watcher.current();
        replaceFile(withPort(8801).replace("default_model: echo", "default_model: nope"));

        awaitUntil(() -> watcher.lastRejection().isPresent());
        assertThat(received).isEmpty();
        assertThat(watcher.current()).isSameAs(before);
        assertThat(watcher.lastRejection().orElseThrow().errors())
                .extracting(ConfigError::path).containsExactly("routing.default_model");
    }

    @Test
    void validEditAfterAnInvalidOneIsAppliedAndClearsTheRejection() throws IOException {
        replaceFile("server: [broken");
        awaitUntil(() -> watcher.lastRejection().isPresent());

        replaceFile(withPort(9003));

        awaitUntil(() -> !received.isEmpty());
        assertThat(received).extracting(config -> config.server().port()).containsExactly(9003);
        assertThat(watcher.lastRejection()).isEmpty();
    }

    @Test
    void listenerFailureDoesNotStopTheWatcher() throws IOException {
        watcher.close();
        watcher = ConfigWatcher.start(file, watcher.current(), config -> {
            received.add(config);
            throw new IllegalStateException("listener bug");
        }, POLL, ConfigFixtures.NO_ENV);

        replaceFile(withPort(9004));
        awaitUntil(() -> received.size() == 1);
        replaceFile(withPort(9005));
        awaitUntil(() -> received.size() == 2);

        assertThat(received.get(1).server().port()).isEqualTo(9005);
    }

    /** Writes beside the file and renames over it, as most editors and config tools do; never half-written. */
    private void replaceFile(String content) throws IOException {
        Path replacement = Files.writeString(dir.resolve("switchboard.yaml.tmp"), content);
        Files.move(replacement, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String withPort(int port) {
        return BASE + "server:\n  port: " + port + "\n";
    }

    /** Polls instead of sleeping a fixed time, so the test is as fast as the watcher and tolerant of slow CI. */
    private static void awaitUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("condition not met within " + PATIENCE);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
