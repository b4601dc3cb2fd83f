package io.lanchat.server.share;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lanchat.protocol.ProtocolJson;
import io.lanchat.protocol.SharedView;
import io.lanchat.server.store.SqlAccess;
import io.lanchat.server.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Share links and room invites in the {@code share_links} table (migrations V7, V8), on the conversation store's
 * lanes. A link is inserted only while its owner's conversation row exists, and goes with it
 * ({@code ON DELETE CASCADE}), so a deleted or expired conversation leaves no working link behind. A snapshot is kept
 * as its {@code share_view} frame's JSON.
 */
public final class JdbcShareStore implements ShareStore {
    private static final String COLUMNS = "id, token_hash, conversation_id, owner, live, snapshot, created_at, kind, expires_at, "
            + "answers";

    private final SqlAccess sql;

    public JdbcShareStore(SqlAccess sql) {
        this.sql = sql;
    }

    @Override
    public CompletableFuture<Boolean> add(ShareLink link) {
        return sql.run(link.conversationId(), c -> {
            try (PreparedStatement p = prepare(c, "INSERT INTO share_links (id, token_hash, conversation_id, owner, "
                    + "live, title, snapshot, created_at, kind, expires_at, answers) SELECT ?, ?, id, owner, ?, title, ?, ?, ?, ?, ? "
                    + "FROM conversations WHERE id = ? AND owner = ?")) {
                p.setString(1, link.id());
                p.setString(2, link.tokenHash());
                p.setInt(3, link.live() ? 1 : 0);
                p.setString(4, link.snapshot() == null ? null : ProtocolJson.writeServerText(link.snapshot()));
                p.setLong(5, link.createdAt().toEpochMilli());
                p.setString(6, link.kind().name().toLowerCase(java.util.Locale.ROOT));
                if (link.expiresAt() == null) {
                    p.setNull(7, java.sql.Types.BIGINT);
                } else {
                    p.setLong(7, link.expiresAt().toEpochMilli());
                }
                p.setString(8, link.answers());
                p.setString(9, link.conversationId());
                p.setString(10, link.owner());
                return p.executeUpdate() == 1;
            }
        });
    }

    @Override
    public CompletableFuture<Optional<ShareLink>> find(String tokenHash) {
        return sql.run(null, c -> {
            try (PreparedStatement p = prepare(c, "SELECT " + COLUMNS + " FROM share_links WHERE token_hash = ?")) {
                p.setString(1, tokenHash);
                return read(p).stream().findFirst();
            }
        });
    }

    @Override
    public CompletableFuture<List<ShareLink>> list(String owner, String conversationId) {
        return sql.run(conversationId, c -> {
            try (PreparedStatement p = prepare(c, "SELECT " + COLUMNS + " FROM share_links "
                    + "WHERE conversation_id = ? AND owner = ? ORDER BY created_at DESC, id DESC")) {
                p.setString(1, conversationId);
                p.setString(2, owner);
                return read(p);
            }
        });
    }

    @Override
    public CompletableFuture<java.util.Set<String>> openRooms(String owner, Instant now) {
        return sql.run(null, c -> {
            try (PreparedStatement p = prepare(c, "SELECT DISTINCT conversation_id FROM share_links WHERE owner = ?"
                    + " AND kind = 'room' AND (expires_at IS NULL OR expires_at > ?)")) {
                p.setString(1, owner);
                p.setLong(2, now.toEpochMilli());
                java.util.Set<String> ids = new java.util.HashSet<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                return ids;
            }
        });
    }

    @Override
    public CompletableFuture<Optional<ShareLink>> revoke(String owner, String shareId) {
        return sql.run(null, c -> {
            Optional<ShareLink> found;
            try (PreparedStatement p = prepare(c, "SELECT " + COLUMNS + " FROM share_links WHERE id = ? AND owner = ?")) {
                p.setString(1, shareId);
                p.setString(2, owner);
                found = read(p).stream().findFirst();
            }
            if (found.isPresent()) {
                try (PreparedStatement p = prepare(c, "DELETE FROM share_links WHERE id = ? AND owner = ?")) {
                    p.setString(1, shareId);
                    p.setString(2, owner);
                    p.executeUpdate();
                }
            }
            return found;
        });
    }

    @Override
    public CompletableFuture<Void> conversationDeleted(String conversationId) {
        return CompletableFuture.completedFuture(null);    // ON DELETE CASCADE
    }

    private PreparedStatement prepare(Connection c, String statement) throws SQLException {
        PreparedStatement p = c.prepareStatement(statement);
        p.setQueryTimeout(sql.queryTimeoutSeconds());
        return p;
    }

    private static List<ShareLink> read(PreparedStatement p) throws SQLException {
        List<ShareLink> links = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                String snapshot = rs.getString("snapshot");
                long expiry = rs.getLong("expires_at");
                Instant expires = rs.wasNull() ? null : Instant.ofEpochMilli(expiry);
                links.add(new ShareLink(rs.getString("id"), rs.getString("token_hash"), rs.getString("conversation_id"),
                        rs.getString("owner"), rs.getInt("live") != 0, snapshot == null ? null : view(snapshot),
                        Instant.ofEpochMilli(rs.getLong("created_at")),
                        ShareLink.Kind.valueOf(rs.getString("kind").toUpperCase(java.util.Locale.ROOT)),
                        expires, rs.getString("answers")));
            }
        }
        return links;
    }

    private static SharedView view(String json) {
        try {
            return (SharedView) ProtocolJson.readServer(json);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new StoreException("a share link's snapshot cannot be read: " + e.getMessage(), e);
        }
    }
}
