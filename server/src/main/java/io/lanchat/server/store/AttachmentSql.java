package io.lanchat.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The SQL of attachment bytes; rows go with their conversation (ON DELETE CASCADE, so delete and retention too). */
final class AttachmentSql {
    private final int timeoutSeconds;

    AttachmentSql(int timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Writes the attachments of {@code owner}'s conversation; false when the conversation is not theirs (yet). */
    boolean save(Connection c, String owner, String conversationId, List<StoredAttachment> attachments, Instant now)
            throws SQLException {
        try (PreparedStatement p = prepare(c, "INSERT INTO attachments (id, conversation_id, owner, kind, name,"
                + " media_type, width, height, data, created_at) SELECT ?, id, owner, ?, ?, ?, ?, ?, ?, ?"
                + " FROM conversations WHERE id = ? AND owner = ? ON CONFLICT (id) DO NOTHING")) {
            int written = 0;
            for (StoredAttachment a : attachments) {
                p.setString(1, a.id());
                p.setString(2, a.kind());
                p.setString(3, a.name());
                p.setString(4, a.mediaType());
                p.setInt(5, a.width());
                p.setInt(6, a.height());
                p.setBytes(7, a.data());
                p.setLong(8, now.toEpochMilli());
                p.setString(9, conversationId);
                p.setString(10, owner);
                written += p.executeUpdate();
            }
            return written > 0 || attachments.isEmpty() || owns(c, owner, conversationId);   // already kept
        }
    }

    private boolean owns(Connection c, String owner, String conversationId) throws SQLException {
        try (PreparedStatement p = prepare(c, "SELECT 1 FROM conversations WHERE id = ? AND owner = ?")) {
            p.setString(1, conversationId);
            p.setString(2, owner);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The attachment {@code id} when {@code owner} uploaded it. */
    Optional<StoredAttachment> load(Connection c, String owner, String id) throws SQLException {
        try (PreparedStatement p = prepare(c, "SELECT kind, name, media_type, width, height, data FROM attachments"
                + " WHERE id = ? AND owner = ?")) {
            p.setString(1, id);
            p.setString(2, owner);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredAttachment(id, owner, rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getInt(4), rs.getInt(5), rs.getBytes(6)));
            }
        }
    }

    private PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement p = c.prepareStatement(sql);
        p.setQueryTimeout(timeoutSeconds);
        return p;
    }
}
