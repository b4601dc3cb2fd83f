package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

/**
 * Answers {@code rename}, {@code settings} and {@code import}: the conversation as it is now stored.
 *
 * @param id           the id of the request
 * @param conversation the conversation
 * @param settings     its settings
 */
public record ConversationUpdated(String id, ConversationSummary conversation, ConversationSettings settings)
        implements ServerMessage {
    public ConversationUpdated {
        requireNonNull(conversation, "conversation");
        settings = settings == null ? ConversationSettings.defaults() : settings;
    }
}
