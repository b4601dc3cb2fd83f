package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The branch of the conversation shown changed: after {@code switch_version}, and after the reply of a
 * {@code regenerate} or {@code edit} ended (after its {@code done} or {@code cancelled}). Replace the transcript
 * with {@code history}, as after {@code opened}; messages with two or more versions carry {@code versions}.
 *
 * @param id             the id of the request
 * @param conversationId the conversation
 * @param history        the conversation as now shown, oldest first (its newest part, when it is longer than the
 *                       server holds at once)
 * @param pending        a user message of this branch waiting for {@code retry}; null if none
 */
public record BranchShown(String id, String conversationId, List<HistoryMessage> history, String pending)
        implements ServerMessage {
    public BranchShown {
        requireNonNull(conversationId, "conversationId");
        history = history == null ? List.of() : List.copyOf(history);
    }
}
