package io.lanchat.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of {@code message_versions} (the same for SQLite and PostgreSQL). Runs inside the transactions of
 * {@link ConversationSql}, on a lane's thread with that lane's connection; the owner was checked by the caller.
 */
final class VersionSql {
    private final int timeoutSeconds;

    VersionSql(int timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    /** The versions of messages from {@code fromSeq} on, ordered by seq, then version. */
    List<StoredVersion> loadFrom(Connection c, String id, int fromSeq) throws SQLException {
        List<StoredVersion> versions = new ArrayList<>();
        try (PreparedStatement p = prepare(c, "SELECT seq, version, branch FROM message_versions "
                + "WHERE conversation_id = ? AND seq >= ? ORDER BY seq, version")) {
            p.setString(1, id);
            p.setInt(2, fromSeq);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String branch = rs.getString(3);
                    versions.add(new StoredVersion(rs.getInt(1), rs.getInt(2),
                            branch == null ? null : BranchJson.read(branch)));
                }
            }
        }
        return versions;
    }

    /** Deletes the messages and versions from {@code fromSeq} on. */
    void deleteFrom(Connection c, String id, int fromSeq) throws SQLException {
        for (String table : new String[] {"messages", "message_versions"}) {
            try (PreparedStatement p = prepare(c, "DELETE FROM " + table + " WHERE conversation_id = ? AND seq >= ?")) {
                p.setString(1, id);
                p.setInt(2, fromSeq);
                p.executeUpdate();
            }
        }
    }

    void insert(Connection c, String id, List<StoredVersion> versions) throws SQLException {
        if (versions.isEmpty()) {
            return;
        }
        try (PreparedStatement p = prepare(c, "INSERT INTO message_versions (conversation_id, seq, version, branch, "
                + "created_at) VALUES (?, ?, ?, ?, ?)")) {
            long now = System.currentTimeMillis();
            for (StoredVersion v : versions) {
                p.setString(1, id);
                p.setInt(2, v.seq());
                p.setInt(3, v.version());
                if (v.branch() == null) {
                    p.setNull(4, Types.VARCHAR);
                } else {
                    p.setString(4, ConversationSql.clean(BranchJson.write(v.branch())));
                }
                p.setLong(5, now);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement p = c.prepareStatement(sql);
        p.setQueryTimeout(timeoutSeconds);
        return p;
    }
}
