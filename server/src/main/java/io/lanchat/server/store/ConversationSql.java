package io.lanchat.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store's SQL, the same text for SQLite and PostgreSQL (upserts with ON CONFLICT, keyset paging, LIKE with an
 * explicit ESCAPE); only the case-folding function comes from the dialect. Every method runs on a lane's thread
 * with that lane's connection, every statement with the query timeout.
 */
final class ConversationSql {
    private static final String COLUMNS =
            "c.id, c.owner, c.title, c.model, c.system_prompt, c.options, c.created_at, c.updated_at, c.message_count,"
            + " c.think";
    /** As {@link #COLUMNS}, with the model of the last reply where the conversation has no model setting. */
    private static final String LISTED_COLUMNS = COLUMNS.replace("c.model,", "COALESCE(c.model, (SELECT m.model FROM"
            + " messages m WHERE m.conversation_id = c.id AND m.role = 'assistant' AND m.model IS NOT NULL"
            + " ORDER BY m.seq DESC LIMIT 1)),");
    private static final String UPSERT_CONVERSATION = "INSERT INTO conversations (id, owner, title, model, "
            + "system_prompt, options, created_at, updated_at, message_count, think) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?) "
            + "ON CONFLICT (id) DO UPDATE SET title = excluded.title, model = excluded.model, "
            + "system_prompt = excluded.system_prompt, options = excluded.options, updated_at = excluded.updated_at, "
            + "think = excluded.think "
            // The guard: a row of another owner is never taken over (0 rows changed, and save says false).
            + "WHERE conversations.owner = excluded.owner";
    private static final String UPSERT_MESSAGE = "INSERT INTO messages (conversation_id, seq, role, content, state, "
            + "model, stats, created_at, thinking, thinking_ms, attachments, author) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (conversation_id, seq) "
            + "DO UPDATE SET role = excluded.role, content = excluded.content, state = excluded.state, "
            + "model = excluded.model, stats = excluded.stats, created_at = excluded.created_at, "
            + "thinking = excluded.thinking, thinking_ms = excluded.thinking_ms, attachments = excluded.attachments, "
            + "author = excluded.author";
    // Counted, not taken from the caller: the rows are the truth about what a later load can return.
    private static final String COUNT_MESSAGES = "UPDATE conversations SET message_count = "
            + "(SELECT COUNT(*) FROM messages WHERE conversation_id = ?) WHERE id = ?";

    private final Dialect dialect;
    private final int timeoutSeconds;
    private final VersionSql versionSql;

    ConversationSql(Dialect dialect, int timeoutSeconds) {
        this.dialect = dialect;
        this.timeoutSeconds = timeoutSeconds;
        this.versionSql = new VersionSql(timeoutSeconds);
    }

    /** Writes the row and the messages in one transaction; false (nothing written) when another owner has the id. */
    boolean save(Connection c, ConversationRecord r, Collection<StoredMessage> messages) throws SQLException {
        return inTransaction(c, () -> {
            if (!upsertRow(c, r)) {
                return false;
            }
            upsertMessages(c, r, messages);
            countMessages(c, r);
            return true;
        });
    }

    /**
     * Replaces everything from message {@code fromSeq} on (messages and versions) with {@code messages} and
     * {@code versions}, with the row, in one transaction; false (nothing written) when another owner has the id.
     */
    boolean saveFrom(Connection c, ConversationRecord r, int fromSeq, Collection<StoredMessage> messages,
                     List<StoredVersion> versions) throws SQLException {
        return inTransaction(c, () -> {
            if (!upsertRow(c, r)) {
                return false;
            }
            versionSql.deleteFrom(c, r.id(), fromSeq);
            upsertMessages(c, r, messages);
            versionSql.insert(c, r.id(), versions);
            countMessages(c, r);
            return true;
        });
    }

    private boolean upsertRow(Connection c, ConversationRecord r) throws SQLException {
        try (PreparedStatement p = prepare(c, UPSERT_CONVERSATION)) {
            p.setString(1, r.id());
            p.setString(2, r.owner());
            p.setString(3, clean(r.title()));
            setText(p, 4, r.model());
            setText(p, 5, r.system());
            p.setString(6, clean(JsonColumns.options(r.options())));
            p.setLong(7, r.createdAt().toEpochMilli());
            p.setLong(8, r.updatedAt().toEpochMilli());
            setText(p, 9, r.think());
            return p.executeUpdate() > 0;
        }
    }

    private void upsertMessages(Connection c, ConversationRecord r, Collection<StoredMessage> messages)
            throws SQLException {
        if (messages.isEmpty()) {
            return;
        }
        try (PreparedStatement p = prepare(c, UPSERT_MESSAGE)) {
            for (StoredMessage m : messages) {
                p.setString(1, r.id());
                p.setInt(2, m.seq());
                p.setString(3, clean(m.role()));
                p.setString(4, clean(m.content()));
                p.setString(5, m.state().name());
                setText(p, 6, m.model());
                setText(p, 7, JsonColumns.stats(m.stats()));
                p.setLong(8, m.createdAt().toEpochMilli());
                setText(p, 9, m.thinking());
                if (m.thinkingMs() == null) {
                    p.setNull(10, java.sql.Types.BIGINT);
                } else {
                    p.setLong(10, m.thinkingMs());
                }
                setText(p, 11, JsonColumns.attachments(m.attachments()));
                setText(p, 12, m.author());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    private void countMessages(Connection c, ConversationRecord r) throws SQLException {
        try (PreparedStatement p = prepare(c, COUNT_MESSAGES)) {
            p.setString(1, r.id());
            p.setString(2, r.id());
            p.executeUpdate();
        }
    }

    /** Whether the id is stored under this owner. */
    boolean ownedBy(Connection c, String owner, String id) throws SQLException {
        return row(c, owner, id).isPresent();
    }

    Optional<StoredConversation> load(Connection c, String owner, String id, long maxChars) throws SQLException {
        Optional<ConversationRecord> row = row(c, owner, id);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        int from = firstSeqWithin(c, id, maxChars);
        List<StoredMessage> messages = new ArrayList<>();
        try (PreparedStatement p = prepare(c, "SELECT seq, role, content, state, model, stats, created_at, thinking, "
                + "thinking_ms, attachments, author FROM messages WHERE conversation_id = ? AND seq >= ? ORDER BY seq")) {
            p.setString(1, id);
            p.setInt(2, from);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    messages.add(new StoredMessage(rs.getInt(1), rs.getString(2), rs.getString(3),
                            MessageState.valueOf(rs.getString(4)), rs.getString(5), JsonColumns.stats(rs.getString(6)),
                            Instant.ofEpochMilli(rs.getLong(7)), rs.getString(8), rs.getObject(9) == null ? null
                            : rs.getLong(9), JsonColumns.attachments(rs.getString(10), true), rs.getString(11)));
                }
            }
        }
        int firstHeld = messages.isEmpty() ? Integer.MAX_VALUE : messages.get(0).seq();
        return Optional.of(new StoredConversation(row.get(), messages, versionSql.loadFrom(c, id, firstHeld)));
    }

    /** The seq of the oldest message such that it and all newer ones fit the budget (the newest always counts). */
    private int firstSeqWithin(Connection c, String id, long maxChars) throws SQLException {
        try (PreparedStatement p = prepare(c,
                "SELECT seq, LENGTH(content) + COALESCE(LENGTH(thinking), 0) FROM messages WHERE conversation_id = ?"
                        + " ORDER BY seq DESC")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                int from = Integer.MAX_VALUE;
                long used = 0;
                while (rs.next()) {
                    used += rs.getLong(2);
                    if (used > maxChars && from != Integer.MAX_VALUE) {
                        break;
                    }
                    from = rs.getInt(1);
                }
                return from;
            }
        }
    }

    /** A page of the owner's conversations, filtered by search patterns (each must match title or a message). */
    ConversationPage page(Connection c, String owner, List<String> patterns, PageCursor after, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + LISTED_COLUMNS + " FROM conversations c WHERE c.owner = ?");
        if (after != null) {
            sql.append(" AND (c.updated_at < ? OR (c.updated_at = ? AND c.id < ?))");
        }
        String fold = dialect.fold();
        for (int i = 0; i < patterns.size(); i++) {
            sql.append(" AND (").append(fold).append("(c.title) LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM messages m")
                    .append(" WHERE m.conversation_id = c.id AND ").append(fold)
                    .append("(m.content) LIKE ? ESCAPE '\\'))");
        }
        sql.append(" ORDER BY c.updated_at DESC, c.id DESC LIMIT ?");
        try (PreparedStatement p = prepare(c, sql.toString())) {
            int i = 1;
            p.setString(i++, owner);
            if (after != null) {
                p.setLong(i++, after.updatedAt());
                p.setLong(i++, after.updatedAt());
                p.setString(i++, after.id());
            }
            for (String pattern : patterns) {
                p.setString(i++, pattern);
                p.setString(i++, pattern);
            }
            p.setInt(i, limit + 1); // one more than asked tells whether there is a next page
            List<ConversationRecord> rows = new ArrayList<>();
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows.add(record(rs));
                }
            }
            if (rows.size() <= limit) {
                return new ConversationPage(rows, null);
            }
            ConversationRecord last = rows.get(limit - 1);
            return new ConversationPage(rows.subList(0, limit),
                    new PageCursor(last.updatedAt().toEpochMilli(), last.id()).encode());
        }
    }

    Optional<ConversationRecord> rename(Connection c, String owner, String id, String title, Instant now)
            throws SQLException {
        return update(c, owner, id, "title = ?, updated_at = ?", p -> {
            p.setString(1, clean(title));
            p.setLong(2, now.toEpochMilli());
            return 3;
        });
    }

    Optional<ConversationRecord> updateSettings(Connection c, String owner, String id, String model, String system,
                                                Map<String, Object> options, String think, Instant now)
            throws SQLException {
        String json = clean(JsonColumns.options(options));
        return update(c, owner, id, "model = ?, system_prompt = ?, options = ?, think = ?, updated_at = ?", p -> {
            setText(p, 1, model);
            setText(p, 2, system);
            p.setString(3, json);
            setText(p, 4, think);
            p.setLong(5, now.toEpochMilli());
            return 6;
        });
    }

    boolean delete(Connection c, String owner, String id) throws SQLException {
        try (PreparedStatement p = prepare(c, "DELETE FROM conversations WHERE id = ? AND owner = ?")) {
            p.setString(1, id);
            p.setString(2, owner);
            return p.executeUpdate() > 0; // messages go with it: ON DELETE CASCADE
        }
    }

    /** Deletes the owner's messages from {@code seq} on and counts the rest again; false when not the owner's. */
    boolean discardFrom(Connection c, String owner, String id, int seq) throws SQLException {
        return inTransaction(c, () -> {
            try (PreparedStatement p = prepare(c, "DELETE FROM messages WHERE conversation_id = ? AND seq >= ?"
                    + " AND EXISTS (SELECT 1 FROM conversations WHERE id = ? AND owner = ?)")) {
                p.setString(1, id);
                p.setInt(2, seq);
                p.setString(3, id);
                p.setString(4, owner);
                p.executeUpdate();
            }
            try (PreparedStatement p = prepare(c, COUNT_MESSAGES + " AND owner = ?")) {
                p.setString(1, id);
                p.setString(2, id);
                p.setString(3, owner);
                return p.executeUpdate() > 0;
            }
        });
    }

    int deleteUntouchedSince(Connection c, Instant cutoff) throws SQLException {
        try (PreparedStatement p = prepare(c, "DELETE FROM conversations WHERE updated_at < ?")) {
            p.setLong(1, cutoff.toEpochMilli());
            return p.executeUpdate();
        }
    }

    private Optional<ConversationRecord> update(Connection c, String owner, String id, String set, Binder binder)
            throws SQLException {
        return inTransaction(c, () -> {
            try (PreparedStatement p = prepare(c, "UPDATE conversations SET " + set + " WHERE id = ? AND owner = ?")) {
                int next = binder.bind(p);
                p.setString(next, id);
                p.setString(next + 1, owner);
                if (p.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            return row(c, owner, id);
        });
    }

    private Optional<ConversationRecord> row(Connection c, String owner, String id) throws SQLException {
        try (PreparedStatement p = prepare(c, "SELECT " + COLUMNS + " FROM conversations c WHERE c.id = ? AND c.owner = ?")) {
            p.setString(1, id);
            p.setString(2, owner);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(record(rs)) : Optional.empty();
            }
        }
    }

    private static ConversationRecord record(ResultSet rs) throws SQLException {
        return new ConversationRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), JsonColumns.options(rs.getString(6)), Instant.ofEpochMilli(rs.getLong(7)),
                Instant.ofEpochMilli(rs.getLong(8)), rs.getInt(9), rs.getString(10));
    }

    private PreparedStatement prepare(Connection c, String sql) throws SQLException {
        PreparedStatement p = c.prepareStatement(sql);
        p.setQueryTimeout(timeoutSeconds);
        return p;
    }

    private static void setText(PreparedStatement p, int index, String value) throws SQLException {
        if (value == null) {
            p.setNull(index, Types.VARCHAR);
        } else {
            p.setString(index, clean(value));
        }
    }

    /**
     * PostgreSQL cannot store U+0000 in text (SQLite can): it becomes U+FFFD in both, so the same input is kept
     * the same way everywhere, and one stray character cannot make a conversation unsavable.
     */
    static String clean(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    }

    private static <T> T inTransaction(Connection c, SqlWork<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (SQLException ignored) {
                // The connection is broken; the lane drops it after the failure being thrown.
            }
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    @FunctionalInterface
    private interface Binder {
        /** Binds the SET values and returns the next parameter index. */
        int bind(PreparedStatement p) throws SQLException;
    }
}
