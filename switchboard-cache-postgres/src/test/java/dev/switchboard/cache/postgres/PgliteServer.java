package dev.switchboard.cache.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL with pgvector for tests: PGlite (Postgres compiled to WASM) behind its wire-protocol
 * socket server, run by Node from {@code pglite/} in this module.
 *
 * <p>Installs the pinned npm packages ({@code npm ci}) when {@code node_modules} is missing, starts the
 * server on a free loopback port and waits until it accepts connections. PGlite serves one connection at
 * a time and keeps its database in memory, so a restart starts empty. Node and npm must be on the PATH;
 * without them this fails with a message saying so rather than skipping the tests. Other modules' tests (the
 * scale-out test) use it through this module's test-jar, naming where {@code pglite/} is from their directory.
 */
public final class PgliteServer implements AutoCloseable {

    private static final Path HOME = Path.of("pglite").toAbsolutePath();
    private static final Path LOGS = Path.of("target").toAbsolutePath();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private static final java.util.Map<Path, PgliteServer> SHARED = new java.util.HashMap<>();

    private final Path home;
    private final int port;
    private final int maxConnections;
    private Process process;

    private PgliteServer(Path home, int port, int maxConnections) {
        this.home = home;
        this.port = port;
        this.maxConnections = maxConnections;
    }

    /**
     * The server all tests of this JVM share, started on first use and killed when the JVM exits:
     * starting PGlite takes seconds, so tests share one and empty their table instead.
     */
    static PgliteServer shared() {
        return shared(HOME, 1);
    }

    /**
     * The server from the {@code pglite/} directory {@code home} that all tests of this JVM share, started on first
     * use (the first caller's {@code maxConnections} holds) and killed when the JVM exits. Test classes that share it
     * use tables of their own; other modules' tests (scale-out, shared rate limits) name {@code home} from their
     * directory.
     */
    public static synchronized PgliteServer shared(Path home, int maxConnections) {
        return SHARED.computeIfAbsent(home.toAbsolutePath().normalize(), h -> {
            PgliteServer server = start(h, maxConnections);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "pglite-stop"));
            return server;
        });
    }

    /** Installs if needed and starts a server on a free port. */
    static PgliteServer start() {
        return start(HOME, 1);
    }

    /**
     * Installs if needed and starts a server on a free port from the {@code pglite/} directory {@code home},
     * accepting {@code maxConnections} clients at once (their queries are queued: PGlite runs one at a time).
     */
    public static PgliteServer start(Path home, int maxConnections) {
        installIfMissing(home.toAbsolutePath());
        PgliteServer server = new PgliteServer(home.toAbsolutePath(), freePort(), maxConnections);
        server.restart();
        return server;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Starts the server again on the same port, with an empty database. */
    synchronized void restart() {
        if (isRunning()) {
            throw new IllegalStateException("PGlite is already running on port " + port);
        }
        Path log = LOGS.resolve("pglite-" + port + ".log");
        process = launch(home, List.of(home.resolve("node_modules/.bin/pglite-server").toString(),
                "--port=" + port, "--host=127.0.0.1", "--max-connections=" + maxConnections,
                "--extensions=@electric-sql/pglite-pgvector:vector"), log);
        awaitPort(log);
    }

    /** Kills the server, as an outage would. */
    synchronized void stop() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() {
        stop();
    }

    private static synchronized void installIfMissing(Path home) {
        if (Files.isExecutable(home.resolve("node_modules/.bin/pglite-server"))) {
            return;
        }
        Path log = LOGS.resolve("npm-ci.log");
        Process npm = launch(home, List.of("npm", "ci", "--no-audit", "--no-fund"), log);
        try {
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm ci failed in " + home + "; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing PGlite", e);
        }
    }

    private static Process launch(Path home, List<String> command, Path log) {
        try {
            Files.createDirectories(log.getParent());
            return new ProcessBuilder(command).directory(home.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + ": the PostgreSQL cache tests need"
                    + " Node.js 20+ and npm on the PATH to install and run PGlite (" + e.getMessage() + ")", e);
        }
    }

    private void awaitPort(Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("PGlite exited with code " + process.exitValue()
                        + (process.exitValue() == 127 ? " (Node.js is not on the PATH)" : "") + "; see " + log);
            }
            if (accepts()) {
                return;
            }
            sleep(100);
        }
        stop();
        throw new IllegalStateException("PGlite did not listen on port " + port + " within " + START_TIMEOUT);
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for PGlite", e);
        }
    }
}
