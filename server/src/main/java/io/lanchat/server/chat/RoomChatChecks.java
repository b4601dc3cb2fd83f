package io.lanchat.server.chat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;

/**
 * Why a room member's message is refused before anything is kept: the member is told, the owner is not. Unlike the
 * owner's chat, a refused member's message is not kept for a retry (the pending message is the owner's).
 */
final class RoomChatChecks {
    private RoomChatChecks() {
    }

    /** The refusal for the member, or null when the message can go on (now, or once the room's reply ends). */
    static ErrorMessage refusal(ChatRequest request, ChatServices services) {
        if (request.attachments() != null && !request.attachments().isEmpty()) {
            return new ErrorMessage(request.id(), ErrorCode.BAD_REQUEST, "Attachments cannot be sent in a room.",
                    false);
        }
        int length = request.text().length();
        if (length > services.maxMessageChars()) {
            return new ErrorMessage(request.id(), ErrorCode.MESSAGE_TOO_LONG, "Your message has " + length
                    + " characters; the limit is " + services.maxMessageChars() + ".", false);
        }
        String optionProblem = services.replies().options().violation(request.options());
        if (optionProblem != null) {
            return new ErrorMessage(request.id(), ErrorCode.BAD_REQUEST, optionProblem, false);
        }
        return null;
    }
}
