package io.lanchat.server.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A conversation's own row: whose it is, what it is called, how it is sent to Ollama, how many messages it holds.
 *
 * @param id           unguessable id (also the session id of a connection that has it open)
 * @param owner        who it belongs to: {@code user:NAME} with access tokens, else {@code key:HASH} (a hash of the
 *                     owner key, never the key itself)
 * @param title        its title
 * @param model        its model setting; null for the server's default
 * @param system       its system prompt; null for the server's
 * @param options      its sampling options; empty for none
 * @param createdAt    when it was created
 * @param updatedAt    when it last changed: lists are ordered by this, newest first
 * @param messageCount how many messages it holds in all
 * @param think        its thinking choice, as on the wire ({@code on}, {@code off}, a level); null for the model's
 *                     default
 */
public record ConversationRecord(String id, String owner, String title, String model, String system,
                                 Map<String, Object> options, Instant createdAt, Instant updatedAt,
                                 int messageCount, String think) {

    /** A row without a thinking choice. */
    public ConversationRecord(String id, String owner, String title, String model, String system,
                              Map<String, Object> options, Instant createdAt, Instant updatedAt, int messageCount) {
        this(id, owner, title, model, system, options, createdAt, updatedAt, messageCount, null);
    }

    public ConversationRecord {
        requireNonNull(id, "id");
        requireNonNull(owner, "owner");
        requireNonNull(title, "title");
        requireNonNull(createdAt, "createdAt");
        requireNonNull(updatedAt, "updatedAt");
        options = options == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }
}
