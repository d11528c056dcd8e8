package dev.switchboard.core.config.yaml;

import dev.switchboard.core.config.SwitchboardConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reloads a configuration file when it changes. A valid new configuration is handed to the listener; an invalid
 * one is rejected with a WARN listing every error, and the previous configuration keeps serving.
 *
 * <p>The file's content is polled on a daemon thread rather than watched with {@link java.nio.file.WatchService}:
 * editors and config-management tools save by writing a temp file and renaming it over the original, Kubernetes
 * swaps ConfigMap symlinks, and WatchService falls back to slow polling on macOS anyway. Comparing a content hash
 * catches all of these, and is immune to coarse file-system timestamps. A config file is small, so reading it
 * twice a second costs nothing.
 *
 * <p>A change is loaded once the content has stayed the same for one poll interval, so a file caught while an
 * editor is still writing it is not loaded half-written. The listener is called on the watcher thread, one change
 * at a time, and only when the loaded configuration differs from the current one (a comment edit does not call
 * it).
 */
public final class ConfigWatcher implements AutoCloseable {

    /** How often the file is checked unless told otherwise. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);

    private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);

    private final Path file;
    private final Consumer<SwitchboardConfig> listener;
    private final Function<String, String> env;
    private final ScheduledExecutorService poller;
    private volatile SwitchboardConfig current;
    private volatile ConfigException lastRejection;
    /** Digest of the content last loaded (valid or not); touched only by the poller thread. */
    private byte[] examinedDigest;
    /** Digest of changed content seen once, waiting to be seen again unchanged; poller thread only. */
    private byte[] pendingDigest;
    /** Whether the current read failure was logged already; a persistent one is logged once, not every poll. */
    private boolean readFailureReported;

    private ConfigWatcher(Path file, SwitchboardConfig initial, Consumer<SwitchboardConfig> listener,
                          Function<String, String> env) {
        this.file = file;
        this.current = Objects.requireNonNull(initial, "initial");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.env = Objects.requireNonNull(env, "env");
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "switchboard-config-watcher");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Watches {@code file}, polling every {@link #DEFAULT_POLL_INTERVAL}; see the full overload. */
    public static ConfigWatcher start(Path file, SwitchboardConfig initial, Consumer<SwitchboardConfig> listener) {
        return start(file, initial, listener, DEFAULT_POLL_INTERVAL);
    }

    /** Watches {@code file}, substituting {@code ${VAR}} from the process environment; see the full overload. */
    public static ConfigWatcher start(Path file, SwitchboardConfig initial, Consumer<SwitchboardConfig> listener,
                                      Duration pollInterval) {
        return start(file, initial, listener, pollInterval, System::getenv);
    }

    /**
     * Starts watching {@code file}.
     *
     * @param initial      the configuration currently in use, normally just loaded from {@code file}. The first
     *                     poll loads the file again and calls the listener only if the result differs, so an
     *                     edit made between loading and starting the watcher is not lost
     * @param listener     receives each valid, changed configuration; exceptions it throws are logged
     * @param pollInterval time between checks of the file
     * @param env          looks up environment variables for {@code ${VAR}} substitution
     */
    public static ConfigWatcher start(Path file, SwitchboardConfig initial, Consumer<SwitchboardConfig> listener,
                                      Duration pollInterval, Function<String, String> env) {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive: " + pollInterval);
        }
        ConfigWatcher watcher = new ConfigWatcher(file, initial, listener, env);
        long millis = pollInterval.toMillis();
        watcher.poller.scheduleWithFixedDelay(watcher::pollSafely, 0, millis, TimeUnit.MILLISECONDS);
        return watcher;
    }

    /** The configuration in force: the initial one, or the last valid change. */
    public SwitchboardConfig current() {
        return current;
    }

    /**
     * Why the file's current content is not in force, if it is not: the errors of the last rejected change,
     * cleared once a valid change loads. For health and admin endpoints.
     */
    public Optional<ConfigException> lastRejection() {
        return Optional.ofNullable(lastRejection);
    }

    /** The watched file. */
    public Path file() {
        return file;
    }

    /** Stops watching. Idempotent; a listener call in progress is interrupted. */
    @Override
    public void close() {
        poller.shutdownNow();
    }

    /** A scheduled task that throws is never run again, so nothing may escape. */
    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.error("Unexpected failure while checking {} for changes; will retry", file, e);
        }
    }

    private void poll() {
        byte[] content = readContent();
        if (content == null) {
            return;
        }
        byte[] digest = sha256(content);
        if (Arrays.equals(digest, examinedDigest)) {
            pendingDigest = null;
            return;
        }
        if (!Arrays.equals(digest, pendingDigest)) {
            // a file written in place can be caught half-written, and a truncated file may even be valid:
            // act only on content that stayed the same for a whole poll interval
            pendingDigest = digest;
            return;
        }
        examinedDigest = digest;
        pendingDigest = null;
        reload(content);
    }

    /** The file's bytes, or null while it is missing (editors may delete before they rename the new file in). */
    private byte[] readContent() {
        try {
            byte[] content = Files.readAllBytes(file);
            readFailureReported = false;
            return content;
        } catch (NoSuchFileException e) {
            reportReadFailureOnce("Configuration file {} is missing; the current configuration keeps serving", null);
        } catch (IOException e) {
            reportReadFailureOnce("Cannot read configuration file {} ({}); the current configuration keeps serving",
                    e.toString());
        }
        return null;
    }

    private void reportReadFailureOnce(String message, String detail) {
        if (!readFailureReported) {
            log.warn(message, file, detail);
            readFailureReported = true;
        }
    }

    private void reload(byte[] content) {
        SwitchboardConfig next;
        try {
            next = ConfigLoader.parse(content, file.toString(), env);
        } catch (ConfigException e) {
            lastRejection = e;
            log.warn("Rejected the changed configuration; the previous configuration keeps serving. {}",
                    e.getMessage());
            return;
        }
        lastRejection = null;
        if (next.equals(current)) {
            log.debug("{} changed but the configuration it describes did not", file);
            return;
        }
        current = next;
        log.info("Reloaded configuration from {}", file);
        notifyListener(next);
    }

    private void notifyListener(SwitchboardConfig next) {
        try {
            listener.accept(next);
        } catch (RuntimeException e) {
            log.error("Configuration listener failed to apply the reloaded configuration from {}", file, e);
        }
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM must provide SHA-256", e);
        }
    }
}
