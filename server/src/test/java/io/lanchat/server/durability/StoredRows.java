package io.lanchat.server.durability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every conversation and message row of a store, read straight through JDBC (not through the server), for
 * checking what a crash left behind.
 *
 * @param integrity     SQLite's {@code PRAGMA integrity_check} answer ({@code ok} when sound); "n/a" elsewhere
 * @param conversations each conversation's owner, by id
 * @param messages      each conversation's messages in seq order, by id
 */
record StoredRows(String integrity, Map<String, String> conversations, Map<String, List<Row>> messages) {

    /** One message row. */
    record Row(int seq, String role, String content, String state) {
    }

    /** Reads an SQLite file (the server must not be running: opening it replays its WAL, as a restart would). */
    static StoredRows readSqlite(java.nio.file.Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            String integrity;
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
                StringBuilder answer = new StringBuilder();
                while (r.next()) {
                    answer.append(answer.length() == 0 ? "" : "; ").append(r.getString(1));
                }
                integrity = answer.toString();
            }
            return read(c, integrity);
        }
    }

    /**
     * How many messages an SQLite file holds, read while its server runs (WAL: a reader does not block the writer;
     * read-only, so this connection never checkpoints or recovers anything).
     */
    static long countMessagesLive(java.nio.file.Path file) throws SQLException {
        org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5_000);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM messages")) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    /** Reads a database at a JDBC URL (PostgreSQL). */
    static StoredRows read(String jdbcUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl)) {
            return read(c, "n/a");
        }
    }

    private static StoredRows read(Connection c, String integrity) throws SQLException {
        Map<String, String> conversations = new LinkedHashMap<>();
        Map<String, List<Row>> messages = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout(30);
            try (ResultSet r = s.executeQuery("SELECT id, owner FROM conversations ORDER BY id")) {
                while (r.next()) {
                    conversations.put(r.getString(1), r.getString(2));
                    messages.put(r.getString(1), new ArrayList<>());
                }
            }
            try (ResultSet r = s.executeQuery(
                    "SELECT conversation_id, seq, role, content, state FROM messages ORDER BY conversation_id, seq")) {
                while (r.next()) {
                    messages.computeIfAbsent(r.getString(1), id -> new ArrayList<>())
                            .add(new Row(r.getInt(2), r.getString(3), r.getString(4), r.getString(5)));
                }
            }
        }
        return new StoredRows(integrity, conversations, messages);
    }

    /** Conversation ids of one owner. */
    List<String> idsOf(String owner) {
        return conversations.entrySet().stream().filter(e -> e.getValue().equals(owner)).map(Map.Entry::getKey)
                .sorted().toList();
    }

    /** Problems with message numbering: each conversation's seqs must run 0, 1, 2, ... without a gap. */
    List<String> numberingProblems() {
        List<String> problems = new ArrayList<>();
        messages.forEach((id, rows) -> {
            if (!conversations.containsKey(id)) {
                problems.add("messages of a conversation without a row: " + id);
            }
            if (rows.isEmpty()) {
                problems.add("conversation " + id + " has no messages");
            }
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).seq() != i) {
                    problems.add("conversation " + id + ": seqs " + rows.stream().map(Row::seq).toList());
                    break;
                }
            }
        });
        return problems;
    }

    /** The conversation id holding a user message with exactly this text, or null. */
    String conversationWithUserMessage(String text) {
        for (Map.Entry<String, List<Row>> e : messages.entrySet()) {
            for (Row row : e.getValue()) {
                if ("user".equals(row.role()) && row.content().equals(text)) {
                    return e.getKey();
                }
            }
        }
        return null;
    }

    /** One owner's conversations and their messages, for a failure message. */
    String describe(String owner) {
        StringBuilder out = new StringBuilder();
        for (String id : idsOf(owner)) {
            out.append("\n  ").append(id).append(':');
            for (Row row : messages.getOrDefault(id, List.of())) {
                String text = row.content().length() > 40 ? row.content().substring(0, 40) + "..." : row.content();
                out.append("\n    ").append(row.seq()).append(' ').append(row.role()).append(' ').append(row.state())
                        .append(" '").append(text).append('\'');
            }
        }
        return out.toString();
    }
}
