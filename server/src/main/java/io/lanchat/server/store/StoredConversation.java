package io.lanchat.server.store;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A conversation read from the store.
 *
 * @param record   its row
 * @param messages its newest messages, oldest first, as many as fit the character budget of the read (all of them
 *                 when {@code record.messageCount()} equals their number)
 * @param versions the versions of those messages that have more than one, ordered by seq, then version
 */
public record StoredConversation(ConversationRecord record, List<StoredMessage> messages,
                                 List<StoredVersion> versions) {
    public StoredConversation {
        requireNonNull(record, "record");
        messages = List.copyOf(messages);
        versions = versions == null ? List.of() : List.copyOf(versions);
    }

    /** A conversation none of whose messages has versions. */
    public StoredConversation(ConversationRecord record, List<StoredMessage> messages) {
        this(record, messages, List.of());
    }

    /** Whether older messages were left out to stay within the budget. */
    public boolean partial() {
        return messages.size() < record.messageCount();
    }
}
