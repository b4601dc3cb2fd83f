package io.lanchat.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database's schema up to the version this code knows, applying each missing script in its own
 * transaction together with its row in {@code schema_version}. Our own runner rather than Flyway or Liquibase: two
 * dialects and a handful of ordered scripts are a page of code, while either library adds megabytes and its own
 * rules on supported database and JDK versions. Scripts live under {@code db/migration/<dialect>/} or, when the SQL
 * is the same for both, {@code db/migration/common/}; they are listed here in order (a jar cannot be listed).
 * A script's version is the number in its name; each one the database has not recorded is applied, so scripts
 * written on parallel branches (V5, V6, V7) may be merged in any order, and a gap is not an error.
 */
final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    /**
     * Every script, in order; the version is the number in its name ({@code V<n>__}). Each script whose version the
     * database has not recorded is applied, in this order, so a number left free for a branch not merged yet (V5
     * while V6 exists) is applied later when it arrives.
     */
    static final List<String> SCRIPTS = List.of(
            "V1__conversations_and_messages.sql",
            "V2__retention_index.sql",
            "V3__thinking.sql",
            "V4__message_versions.sql",
            "V5__attachments.sql",
            "V6__thinking_duration.sql",
            "V7__share_links.sql",
            "V8__room_invites.sql",
            "V9__message_authors_and_room_rules.sql");

    private Migrations() {
    }

    static int latest() {
        return version(SCRIPTS.get(SCRIPTS.size() - 1));
    }

    /** The number in a script's name: 4 for {@code V4__message_versions.sql}. */
    static int version(String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }

    /**
     * Applies the scripts the database lacks, up to {@code target}, and returns the version it is at.
     *
     * @throws StoreException when the database is at a version newer than this code knows
     */
    static int migrate(Connection c, Dialect dialect, int target) throws SQLException {
        createVersionTable(c);
        int current = currentVersion(c);
        if (current > latest()) {
            throw new StoreException("the database's schema is at version " + current
                    + ", newer than this server knows (" + latest() + "): it was used by a newer lanchat; "
                    + "run that version, or point this one at another database");
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            for (String script : SCRIPTS) {
                if (version(script) <= target && !applied(c, version(script))) {
                    apply(c, dialect, script);
                }
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return currentVersion(c);
    }

    static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static boolean applied(Connection c, int version) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM schema_version WHERE version = ?")) {
            p.setInt(1, version);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void createVersionTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, "
                    + "script TEXT NOT NULL, applied_at BIGINT NOT NULL)");
        } catch (SQLException e) {
            // PostgreSQL's IF NOT EXISTS can still fail when two servers create the table at the same moment.
            try {
                currentVersion(c);
            } catch (SQLException notThere) {
                e.addSuppressed(notThere);
                throw e;
            }
        }
    }

    private static void apply(Connection c, Dialect dialect, String script) throws SQLException {
        int version = version(script);
        try (Statement s = c.createStatement()) {
            if (dialect.migrationLock() != null) {
                s.execute(dialect.migrationLock());
            }
            if (applied(c, version)) {
                c.rollback(); // another server applied it while we waited for the lock
                return;
            }
            for (String sql : statements(read(dialect, script))) {
                s.execute(sql);
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO schema_version (version, script, applied_at) VALUES (?, ?, ?)")) {
                p.setInt(1, version);
                p.setString(2, script);
                p.setLong(3, System.currentTimeMillis());
                p.executeUpdate();
            }
            c.commit();
            LOG.info("store schema migrated to version {} ({})", version, script);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    /** The script's text, the dialect's own version first. */
    static String read(Dialect dialect, String script) {
        for (String folder : new String[] {dialect.kind(), "common"}) {
            try (InputStream in = Migrations.class.getResourceAsStream("/db/migration/" + folder + "/" + script)) {
                if (in != null) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw new StoreException("cannot read migration " + script, e);
            }
        }
        throw new StoreException("migration " + script + " is missing for " + dialect.kind());
    }

    /** Splits at a ';' that ends a line, dropping {@code --} comment lines; our scripts keep to that. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
