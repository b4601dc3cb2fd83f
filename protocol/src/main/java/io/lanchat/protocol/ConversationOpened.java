package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Answers {@code open} and {@code create}: this connection now carries the conversation. Replace the transcript
 * with {@code history}; when {@code reply} is present, its tokens follow (as after {@code resumed}) and the reply
 * then ends as usual. The conversation's id is also this connection's {@code sessionId}: with
 * {@code resumeSecret}, {@code resume} takes it back after a dropped connection.
 *
 * @param id           the id of the request
 * @param conversation the conversation
 * @param settings     its settings
 * @param resumeSecret the secret that, with the conversation id, resumes it; keep it private
 * @param history      the conversation so far, oldest first (its newest part, when it is longer than the server
 *                     holds at once: {@code conversation.messages} tells how many there are in all)
 * @param pending      the user message not yet in history: the question the reply in flight answers, or one kept
 *                     for {@code retry}; null if none
 * @param reply        the reply still streaming, or null
 */
public record ConversationOpened(String id, ConversationSummary conversation, ConversationSettings settings,
                                 String resumeSecret, List<HistoryMessage> history, String pending,
                                 ReplyInProgress reply) implements ServerMessage {
    public ConversationOpened {
        requireNonNull(conversation, "conversation");
        settings = settings == null ? ConversationSettings.defaults() : settings;
        history = history == null ? List.of() : List.copyOf(history);
    }
}
