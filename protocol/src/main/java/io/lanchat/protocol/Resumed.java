package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Answers {@code resume}: this connection now carries the earlier session. Replace the transcript with
 * {@code history}; when {@code reply} is present, its tokens follow and the reply then ends as usual.
 *
 * @param id        the id of the resume request
 * @param sessionId the resumed session's id (the secret stays the same)
 * @param history   the conversation so far, oldest first
 * @param pending   the user message not yet in history: the question the reply in flight answers, or a failed
 *                  message kept for {@code retry}; null if none
 * @param reply     the reply still streaming, or null
 */
public record Resumed(String id, String sessionId, List<HistoryMessage> history, String pending,
                      ReplyInProgress reply) implements ServerMessage {
    public Resumed {
        requireNonNull(sessionId, "sessionId");
        history = history == null ? List.of() : List.copyOf(history);
    }
}
