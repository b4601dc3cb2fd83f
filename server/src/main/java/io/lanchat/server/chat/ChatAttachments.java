package io.lanchat.server.chat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.server.attach.Attachment;
import io.lanchat.server.attach.MessageAttachments;
import io.lanchat.server.session.Session;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files a chat's message carries: text files joined to its text, images checked against the model before
 * anything is kept, and the images' bytes stored after the message. Confined to the conversation's event loop.
 */
final class ChatAttachments {
    private static final Logger log = LoggerFactory.getLogger(ChatAttachments.class);

    private final Conversation conversation;
    private final ChatServices services;

    ChatAttachments(Conversation conversation, ChatServices services) {
        this.conversation = conversation;
        this.services = services;
    }

    /**
     * The chat's attachments resolved. Null after an error answer; nothing is stored then, and the ids stay valid
     * for the client to send again.
     */
    MessageAttachments.Resolved resolve(ChatRequest request) {
        Session session = services.sessions().find(conversation.sessionId()).orElse(null);
        String owner = session == null ? null : session.info().owner();
        try {
            return new MessageAttachments(services.attachments()).resolve(owner, conversation.sessionId(),
                    request.text(), request.attachments(),
                    MessageSettings.model(session, request.model(), services.defaultModel()),
                    services.backends().state().models(), services.maxMessageChars());
        } catch (MessageAttachments.Problem problem) {
            conversation.error(request.id(), problem.code(), problem.getMessage(), false);
            return null;
        }
    }

    /** The images' bytes go to the store after the message (a failure is logged: the chat goes on without it). */
    void keep(List<Attachment> images) {
        Session session = services.sessions().find(conversation.sessionId()).orElse(null);
        if (session == null || images.isEmpty()) {
            return;
        }
        services.saver().saveAttachments(session, images.stream().map(Attachment::stored).toList())
                .whenComplete((ok, failure) -> {
                    if (failure != null || !Boolean.TRUE.equals(ok)) {
                        log.warn("images of conversation {} not saved: {}", conversation.sessionId(),
                                failure == null ? "not written" : failure.toString());
                    }
                });
    }
}
