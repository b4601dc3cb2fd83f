package io.lanchat.server.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the conversation store a {@code --database} setting names, with its schema brought up to date. */
public final class ConversationStores {
    private static final Logger LOG = LoggerFactory.getLogger(ConversationStores.class);

    private ConversationStores() {
    }

    /** {@link #open(String, Path, StoreSettings, Properties)} with the default settings and no properties. */
    public static ConversationStore open(String database, Path dataDir) {
        return open(database, dataDir, StoreSettings.defaults(), new Properties());
    }

    /**
     * Opens the store and migrates its schema, blocking (call it at start, never on an event loop).
     *
     * @param database   {@code sqlite}: the file {@code lanchat.db} in {@code dataDir}; or a
     *                   {@code jdbc:postgresql://host:port/db?user=..&password=..} URL ({@code none} is the
     *                   caller's: no store at all)
     * @param dataDir    SQLite's directory, created owner-only when missing; unused for PostgreSQL
     * @param properties extra JDBC connection properties (e.g. user and password kept out of the URL)
     * @throws IllegalArgumentException when {@code database} is neither
     * @throws StoreException           when the database cannot be reached or created, or its schema is newer than
     *                                  this code knows
     */
    public static ConversationStore open(String database, Path dataDir, StoreSettings settings,
                                         Properties properties) {
        Dialect dialect;
        ConnectionFactory connections;
        String where;
        if ("sqlite".equals(database)) {
            dialect = Dialect.SQLITE;
            connections = SqliteDatabase.prepare(dataDir);
            where = dataDir.resolve(SqliteDatabase.FILE_NAME).toAbsolutePath().toString();
        } else if (database != null && database.startsWith(PostgresDatabase.PREFIX)) {
            dialect = Dialect.POSTGRESQL;
            connections = PostgresDatabase.connections(database, properties, settings);
            where = PostgresDatabase.redacted(database);
        } else {
            throw new IllegalArgumentException("--database must be sqlite, none or a jdbc:postgresql:// URL, not "
                    + (database == null ? null : PostgresDatabase.redacted(database)));
        }
        int version;
        try (Connection c = connections.open()) {
            version = Migrations.migrate(c, dialect, Migrations.latest());
        } catch (SQLException e) {
            throw new StoreException("cannot open the " + dialect.kind() + " store at " + where + ": "
                    + SqlErrors.describe(e), e);
        }
        LOG.info("{} store at {} (schema version {})", dialect.kind(), where, version);
        return new JdbcConversationStore(dialect, settings, connections);
    }
}
