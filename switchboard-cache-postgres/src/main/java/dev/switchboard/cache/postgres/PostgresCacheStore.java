package dev.switchboard.cache.postgres;

import static dev.switchboard.cache.postgres.CacheTable.ENTRY_COLUMNS;
import static dev.switchboard.cache.postgres.CacheTable.timestamp;

import com.pgvector.PGvector;
import dev.switchboard.core.cache.CacheEntry;
import dev.switchboard.core.cache.CacheHit;
import dev.switchboard.core.cache.PartitionStats;
import dev.switchboard.core.cache.SemanticCacheStore;
import dev.switchboard.core.cache.StoreStats;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link SemanticCacheStore} in PostgreSQL with pgvector, shared by every router replica that points
 * at the same table.
 *
 * <p>The table and its HNSW cosine index are created if absent. Lookups filter by partition and expiry in
 * SQL and mark the row used in the same statement. Capacity is enforced after every write by deleting the
 * least recently used rows beyond {@code maxEntries}. Times come from the caller, as the interface says,
 * so replicas should keep their clocks in sync.
 *
 * <p>Calls borrow connections from a HikariCP pool ({@code poolSize}, default 4) with short connect and socket
 * timeouts; when the database goes
 * away, lookups return empty and writes are dropped without waiting, {@link #isHealthy()} turns false, and
 * the store reconnects by itself after a back-off. Calls block on the database: use them off event loops.
 * Prompt text and responses are never logged.
 */
public final class PostgresCacheStore implements SemanticCacheStore {

    private final CacheTable table;
    private final int dimension;
    private final int maxEntries;
    private final Connector connector;
    private final LongAdder evictions = new LongAdder();
    private final LongAdder expirations = new LongAdder();

    PostgresCacheStore(PostgresCacheStoreBuilder builder) {
        this.dimension = builder.dimension;
        this.maxEntries = builder.maxEntries;
        this.table = new CacheTable(builder.table, builder.dimension);
        this.connector = new Connector(builder.url, builder.connectionProperties(), builder.poolSize,
                builder.connectTimeout, builder.retryBackoff, this::prepare);
    }

    /** A builder for a store at {@code jdbcUrl} (for example {@code jdbc:postgresql://host:5432/db}). */
    public static PostgresCacheStoreBuilder builder(String jdbcUrl, int dimension) {
        return new PostgresCacheStoreBuilder(jdbcUrl, dimension);
    }

    @Override
    public Optional<CacheHit> findExact(String partition, String promptText, Instant now) {
        String sql = "UPDATE " + table.name + " SET last_used_at = GREATEST(last_used_at, ?)"
                + " WHERE partition = ? AND prompt_hash = ? AND prompt_text = ? AND expires_at > ?"
                + " RETURNING " + ENTRY_COLUMNS;
        return connector.call(connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                update.setObject(1, timestamp(now));
                update.setString(2, partition);
                update.setBytes(3, CacheTable.hash(promptText));
                update.setString(4, promptText);
                update.setObject(5, timestamp(now));
                return readHit(update, 1.0);
            }
        }, Optional.empty());
    }

    @Override
    public Optional<CacheHit> findSimilar(String partition, float[] embedding, double minSimilarity,
            Instant now) {
        requireDimension(embedding);
        String sql = "WITH best AS (SELECT id, embedding <=> ? AS distance FROM " + table.name
                + " WHERE partition = ? AND expires_at > ? ORDER BY embedding <=> ? LIMIT 1)"
                + " UPDATE " + table.name + " t SET last_used_at = GREATEST(t.last_used_at, ?) FROM best"
                + " WHERE t.id = best.id AND best.distance <= ?"
                + " RETURNING " + ENTRY_COLUMNS.replaceAll("(\\w+)", "t.$1") + ", best.distance";
        PGvector query = new PGvector(embedding);
        return connector.call(connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                update.setObject(1, query);
                update.setString(2, partition);
                update.setObject(3, timestamp(now));
                update.setObject(4, query);
                update.setObject(5, timestamp(now));
                update.setDouble(6, 1.0 - minSimilarity); // cosine distance = 1 - cosine similarity
                return readHit(update, Double.NaN);
            }
        }, Optional.empty());
    }

    @Override
    public void put(CacheEntry entry) {
        requireDimension(entry.embedding());
        String sql = "INSERT INTO " + table.name + " (partition, prompt_hash, prompt_text, embedding, response,"
                + " created_at, expires_at, last_used_at, token_sketch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (partition, prompt_hash) DO UPDATE SET prompt_text = EXCLUDED.prompt_text,"
                + " embedding = EXCLUDED.embedding, response = EXCLUDED.response,"
                + " token_sketch = EXCLUDED.token_sketch,"
                + " created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at,"
                + " last_used_at = EXCLUDED.last_used_at";
        connector.call(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                bindEntry(insert, entry);
                insert.executeUpdate();
            }
            evictions.add(evictBeyondCapacity(connection));
            return null;
        }, null);
    }

    @Override
    public int clear(String partition) {
        return connector.call(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM " + table.name + " WHERE partition = ?")) {
                delete.setString(1, partition);
                return delete.executeUpdate();
            }
        }, 0);
    }

    @Override
    public int clearAll() {
        return connector.call(connection -> update(connection, "DELETE FROM " + table.name), 0);
    }

    @Override
    public int purgeExpired(Instant now) {
        int removed = connector.call(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM " + table.name + " WHERE expires_at <= ?")) {
                delete.setObject(1, timestamp(now));
                return delete.executeUpdate();
            }
        }, 0);
        expirations.add(removed);
        return removed;
    }

    @Override
    public List<PartitionStats> partitions() {
        String sql = "SELECT partition, count(*) FROM " + table.name + " GROUP BY partition ORDER BY partition";
        return connector.call(connection -> {
            List<PartitionStats> stats = new ArrayList<>();
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                while (rows.next()) {
                    stats.add(new PartitionStats(rows.getString(1), rows.getLong(2)));
                }
            }
            return List.copyOf(stats);
        }, List.of());
    }

    @Override
    public long size() {
        return connector.call(connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table.name)) {
                rows.next();
                return rows.getLong(1);
            }
        }, 0L);
    }

    /** Asks the database (a round trip, bounded by the timeouts) unless it is known to be down. */
    @Override
    public boolean isHealthy() {
        return connector.call(connection -> {
            if (!connection.isValid(1)) {
                throw new SQLException("connection no longer valid", "08006");
            }
            return true;
        }, false);
    }

    @Override
    public StoreStats stats() {
        return new StoreStats(evictions.sum(), expirations.sum());
    }

    @Override
    public void close() {
        connector.close();
    }

    private void prepare(Connection connection) throws SQLException {
        table.createIfAbsent(connection);
        PGvector.addVectorType(connection); // after CREATE EXTENSION: the driver looks the type up once
        try (Statement statement = connection.createStatement()) {
            // pgvector 0.8+: keep scanning the HNSW graph until enough rows pass the partition filter,
            // instead of filtering a fixed-size candidate list down to nothing. Older versions lack it.
            statement.execute("SET hnsw.iterative_scan = strict_order");
        } catch (SQLException olderPgvector) {
            // a failed SET leaves no transaction open in auto-commit mode; searches are then less exact
        }
    }

    private int evictBeyondCapacity(Connection connection) throws SQLException {
        String sql = "DELETE FROM " + table.name + " WHERE id IN (SELECT id FROM " + table.name
                + " ORDER BY last_used_at DESC, id DESC OFFSET ?)";
        try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setInt(1, maxEntries);
            return delete.executeUpdate();
        }
    }

    private static void bindEntry(PreparedStatement insert, CacheEntry entry) throws SQLException {
        insert.setString(1, entry.partition());
        insert.setBytes(2, CacheTable.hash(entry.promptText()));
        insert.setString(3, entry.promptText());
        insert.setObject(4, new PGvector(entry.embedding()));
        insert.setBytes(5, entry.response());
        insert.setObject(6, timestamp(entry.createdAt()));
        insert.setObject(7, timestamp(entry.expiresAt()));
        insert.setObject(8, timestamp(entry.createdAt()));
        insert.setBytes(9, entry.tokenSketch());
    }

    /** Runs a RETURNING statement; similarity is {@code fixedSimilarity} or, if NaN, 1 - distance. */
    private static Optional<CacheHit> readHit(PreparedStatement statement, double fixedSimilarity)
            throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) {
                return Optional.empty();
            }
            double similarity = Double.isNaN(fixedSimilarity) ? 1.0 - rows.getDouble("distance") : fixedSimilarity;
            return Optional.of(new CacheHit(CacheTable.readEntry(rows), Math.min(1.0, similarity)));
        }
    }

    private static int update(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }

    private void requireDimension(float[] embedding) {
        Objects.requireNonNull(embedding, "embedding");
        if (embedding.length != dimension) {
            throw new IllegalArgumentException(
                    "embedding has dimension " + embedding.length + ", store expects " + dimension);
        }
    }
}
