package io.lanchat.server.chat;

import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;

/** Errors about a conversation as such, the same wherever they are found out. */
public final class ConversationErrors {
    private ConversationErrors() {
    }

    /** No conversation of the asker's has that id: never existed, deleted, or another owner's (one answer for all). */
    public static ErrorMessage notFound(String requestId) {
        return new ErrorMessage(requestId, ErrorCode.NOT_FOUND, "You have no conversation with that id (it may"
                + " have been deleted).", false);
    }
}
