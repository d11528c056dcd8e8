package dev.switchboard.cache.postgres;

import com.pgvector.PGvector;
import dev.switchboard.core.cache.CacheEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * The SQL of the cache table. Prompts are matched by a SHA-256 hash (a short unique key, whatever the
 * prompt's length) and then verbatim; last_used_at orders eviction.
 */
final class CacheTable {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,50}");
    static final String ENTRY_COLUMNS = "partition, prompt_text, embedding, response, created_at, expires_at,"
            + " token_sketch";

    final String name;
    private final int dimension;

    CacheTable(String name, int dimension) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("table name must be a lower-case SQL identifier: " + name);
        }
        this.name = name;
        this.dimension = dimension;
    }

    /** Creates extension, table and indexes if absent and checks the vector dimension. */
    void createIfAbsent(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS vector");
            statement.execute("CREATE TABLE IF NOT EXISTS " + name + " ("
                    + "id BIGSERIAL PRIMARY KEY, partition TEXT NOT NULL, prompt_hash BYTEA NOT NULL,"
                    + " prompt_text TEXT NOT NULL, embedding vector(" + dimension + ") NOT NULL,"
                    + " response BYTEA NOT NULL, created_at TIMESTAMPTZ NOT NULL,"
                    + " expires_at TIMESTAMPTZ NOT NULL, last_used_at TIMESTAMPTZ NOT NULL,"
                    + " UNIQUE (partition, prompt_hash))");
            // the cache verifier's token sketch (at most 1,536 bytes); tables from older versions gain it empty
            statement.execute("ALTER TABLE " + name + " ADD COLUMN IF NOT EXISTS token_sketch BYTEA");
            // Cosine distance on an HNSW graph: no training step (unlike ivfflat), so it works on an
            // empty table that fills up over time.
            statement.execute("CREATE INDEX IF NOT EXISTS " + name + "_embedding_idx ON " + name
                    + " USING hnsw (embedding vector_cosine_ops)");
            statement.execute("CREATE INDEX IF NOT EXISTS " + name + "_last_used_idx ON " + name
                    + " (last_used_at, id)");
            statement.execute("CREATE INDEX IF NOT EXISTS " + name + "_expires_idx ON " + name + " (expires_at)");
        }
        requireDimension(connection);
    }

    private void requireDimension(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT atttypmod FROM pg_attribute"
                + " WHERE attrelid = ?::regclass AND attname = 'embedding'")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                int existing = rows.next() ? rows.getInt(1) : dimension;
                if (existing != dimension) {
                    throw new SQLException("table " + name + " holds vectors of dimension " + existing
                            + ", the store is configured for " + dimension, "22000");
                }
            }
        }
    }

    static byte[] hash(String promptText) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(promptText.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Reads {@link #ENTRY_COLUMNS} from the current row. */
    static CacheEntry readEntry(ResultSet row) throws SQLException {
        return new CacheEntry(
                row.getString("partition"),
                row.getString("prompt_text"),
                new PGvector(row.getString("embedding")).toArray(),
                row.getBytes("response"),
                row.getObject("created_at", OffsetDateTime.class).toInstant(),
                row.getObject("expires_at", OffsetDateTime.class).toInstant(),
                row.getBytes("token_sketch"));
    }
}
