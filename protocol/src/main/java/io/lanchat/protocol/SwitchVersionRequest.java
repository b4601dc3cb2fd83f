package io.lanchat.protocol;

/**
 * Shows another version of a message of the open conversation: the branch shown below it is kept, and that
 * version's branch is shown instead; the next reply's history follows it. Answered by {@code branch}.
 *
 * @param id             client-chosen request id, echoed by the answer; optional
 * @param conversationId the open conversation, as a guard against acting on another one; optional
 * @param seq            the number of the message ({@code seq} of a history message that has {@code versions})
 * @param version        the version to show, from 1 to the message's {@code versions.count}
 */
public record SwitchVersionRequest(String id, String conversationId, Integer seq, Integer version) implements ClientMessage {
    public SwitchVersionRequest {
        Ids.checkId(id);
        conversationId = conversationId == null ? null : Titles.checkConversationId(conversationId);
        if (seq == null) {
            throw new IllegalArgumentException("seq is required");
        }
        if (seq < 0) {
            throw new IllegalArgumentException("seq must be 0 or more");
        }
        if (version == null) {
            throw new IllegalArgumentException("version is required");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be 1 or more");
        }
    }
}
