package dev.switchboard.cache.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.cache.CacheEntry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The database process dies and comes back while stores are in use. */
class PostgresCacheStoreOutageTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    /**
     * The six calls of {@link #assertDownButQuiet} during an outage must not each wait for the 1 s connection
     * timeout (that would take 6 s or more); 5 s leaves room for a loaded machine (2.26 s was seen at load 14).
     */
    private static final Duration FAST = Duration.ofSeconds(5);

    private final PgliteServer server = PgliteServer.shared();

    @Test
    void missesQuicklyWhileDownAndRecoversByItselfWhenBack() {
        PostgresCacheStore bornDuringOutage = null;
        try (PostgresCacheStore store = newStore()) {
            store.put(entry("before"));
            assertThat(store.findExact("p", "before", NOW)).isPresent();
            assertThat(store.isHealthy()).isTrue();

            server.stop();
            assertDownButQuiet(store);
            bornDuringOutage = newStore();
            assertThat(bornDuringOutage.isHealthy()).isFalse();

            server.restart(); // same port, empty database: the store must recreate its table
            awaitHealthy(store);
            store.put(entry("after"));
            assertThat(store.findExact("p", "after", NOW)).isPresent();
            assertThat(store.findSimilar("p", unit(), 0.5, NOW)).isPresent();
        } finally {
            restartIfDown();
        }
        // PGlite serves one connection at a time, so the second store gets its turn only now.
        try (PostgresCacheStore second = bornDuringOutage) {
            awaitHealthy(second);
            assertThat(second.findExact("p", "after", NOW)).isPresent();
        }
    }

    private void restartIfDown() {
        if (!server.isRunning()) {
            server.restart(); // leave the shared server up for other tests
        }
    }

    private static void assertDownButQuiet(PostgresCacheStore store) {
        long started = System.nanoTime();
        assertThat(store.findExact("p", "before", NOW)).isEmpty();
        assertThat(store.findSimilar("p", unit(), 0.5, NOW)).isEmpty();
        store.put(entry("dropped"));
        assertThat(store.isHealthy()).isFalse();
        assertThat(store.size()).isZero();
        assertThat(store.partitions()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(FAST);
    }

    private PostgresCacheStore newStore() {
        return PostgresCacheStore.builder(server.jdbcUrl(), 4)
                .table("outage_cache")
                .poolSize(1) // PGlite serves one connection at a time
                .timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2))
                .retryBackoff(Duration.ofMillis(200))
                .build();
    }

    // Recovery happens on a call made after the back-off; poll as a health check would.
    private static void awaitHealthy(PostgresCacheStore store) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!store.isHealthy()) {
            assertThat(System.nanoTime()).as("store recovered within 20 s").isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static CacheEntry entry(String prompt) {
        return new CacheEntry("p", prompt, unit(), new byte[] {'{', '}'}, NOW, NOW.plusSeconds(600));
    }

    private static float[] unit() {
        return new float[] {0.5f, 0.5f, 0.5f, 0.5f};
    }
}
