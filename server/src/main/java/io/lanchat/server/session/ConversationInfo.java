package io.lanchat.server.session;

import static java.util.Objects.requireNonNull;

import io.lanchat.protocol.ConversationSettings;
import java.time.Instant;

/**
 * What a session knows of itself as a conversation: whose it is, what it is called, how it is sent to Ollama, and
 * where its held turns sit among all of its messages.
 *
 * @param owner     whose conversation it is ({@code user:NAME} or {@code key:HASH})
 * @param title     its title; null until its first message names it (or the owner does)
 * @param settings  its model, system prompt and options
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param firstSeq  the message number of the first turn held: older ones are only in the store
 */
public record ConversationInfo(String owner, String title, ConversationSettings settings, Instant createdAt,
                               Instant updatedAt, int firstSeq) {
    /** The owner of sessions made without one (tools and tests that do not name owners). */
    public static final String NOBODY = "nobody";

    public ConversationInfo {
        requireNonNull(owner, "owner");
        settings = settings == null ? ConversationSettings.defaults() : settings;
        requireNonNull(createdAt, "createdAt");
        requireNonNull(updatedAt, "updatedAt");
    }

    /** A new conversation of {@code owner}, created now. */
    public static ConversationInfo started(String owner, String title, ConversationSettings settings) {
        Instant now = Instant.now();
        return new ConversationInfo(owner, title, settings, now, now, 0);
    }

    public ConversationInfo titled(String newTitle) {
        return new ConversationInfo(owner, newTitle, settings, createdAt, Instant.now(), firstSeq);
    }

    public ConversationInfo withSettings(ConversationSettings newSettings) {
        return new ConversationInfo(owner, title, newSettings, createdAt, Instant.now(), firstSeq);
    }

    public ConversationInfo touched() {
        return new ConversationInfo(owner, title, settings, createdAt, Instant.now(), firstSeq);
    }

    ConversationInfo droppedFirst(int count) {
        return count == 0 ? this : new ConversationInfo(owner, title, settings, createdAt, updatedAt, firstSeq + count);
    }

    /** Characters it holds (title and system prompt), for the memory budget. */
    long chars() {
        return (title == null ? 0 : title.length()) + (settings.system() == null ? 0 : settings.system().length());
    }
}
