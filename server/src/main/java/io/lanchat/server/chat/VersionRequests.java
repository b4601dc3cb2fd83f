package io.lanchat.server.chat;

import io.lanchat.protocol.EditRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.RegenerateRequest;
import io.lanchat.protocol.SwitchVersionRequest;
import io.lanchat.server.session.Branching;
import io.lanchat.server.session.Role;
import io.lanchat.server.session.Session;
import io.lanchat.server.session.Turn;
import io.lanchat.server.session.VersionSlot;
import java.util.List;
import java.util.Optional;

/**
 * The version requests of a {@link Conversation}: regenerate the last reply, edit a user message, show another
 * version of a message. Regenerate and edit start a reply like a chat (same admission and queue; the rate limit is
 * the transport's), after the history before the message; when the reply ends (finished or stopped) it becomes
 * the message's newest version and the branch it replaces is kept ({@link Branching}). A reply that fails changes
 * nothing: the branch shown stays, and the client may send the request again. Nothing of it is saved before it
 * ends, so a crash meanwhile leaves the conversation as it was.
 *
 * <p>Confined to the conversation's event loop: reached only through the conversation's methods.
 */
final class VersionRequests {
    private final Conversation conversation;
    private final ChatServices services;
    private final ChatRequests chats;
    private final TurnRecorder recorder;

    VersionRequests(Conversation conversation, ChatServices services, ChatRequests chats, TurnRecorder recorder) {
        this.conversation = conversation;
        this.services = services;
        this.chats = chats;
        this.recorder = recorder;
    }

    void regenerate(RegenerateRequest request) {
        Session session = usable(request.id(), request.conversationId()).orElse(null);
        if (session == null) {
            return;
        }
        if (session.waiting() != null) {
            refuse(request.id(), "A message is waiting to be sent again: use retry for it, or edit it.");
            return;
        }
        List<Turn> turns = session.turns();
        int last = turns.size() - 1;
        if (last < 1 || turns.get(last).role() != Role.ASSISTANT || turns.get(last - 1).role() != Role.USER) {
            refuse(request.id(), "There is no reply to regenerate: the conversation does not end with a reply.");
            return;
        }
        Turn question = turns.get(last - 1);
        Turn reply = turns.get(last);
        String model = request.model() != null ? request.model()
                : reply.model() != null ? reply.model()
                : MessageSettings.model(session, null, services.defaultModel());
        chats.speakingAs(question.author());
        chats.startReply(request.id(), model, question.content(), MessageSettings.options(session, null),
                request.think(),
                turns.subList(0, last - 1), session.nextSeq() - 1, true);
    }

    void edit(EditRequest request) {
        Session session = usable(request.id(), request.conversationId()).orElse(null);
        if (session == null) {
            return;
        }
        int length = request.text().length();
        if (length > services.maxMessageChars()) {
            conversation.error(request.id(), ErrorCode.MESSAGE_TOO_LONG, "Your message has " + length
                    + " characters; the limit is " + services.maxMessageChars() + ". Shorten it and send it again.",
                    false);
            return;
        }
        int seq = request.seq();
        if (!held(request.id(), session, seq)) {
            return;
        }
        int index = seq - session.info().firstSeq();
        if (session.turns().get(index).role() != Role.USER) {
            refuse(request.id(), "Message " + seq + " is a reply: only your own messages can be edited"
                    + " (use regenerate for the last reply).");
            return;
        }
        String author = session.turns().get(index).author();
        if (author != null) {
            refuse(request.id(), "Message " + seq + " was written by " + author + " in this room: only your own"
                    + " messages can be edited.");
            return;
        }
        String model = MessageSettings.model(session, request.model(), services.defaultModel());
        chats.startReply(request.id(), model, request.text(), MessageSettings.options(session, null),
                request.think(),
                session.turns().subList(0, index), seq, false);
    }

    void switchVersion(SwitchVersionRequest request) {
        Session session = usable(request.id(), request.conversationId()).orElse(null);
        if (session == null || !held(request.id(), session, request.seq())) {
            return;
        }
        int seq = request.seq();
        VersionSlot slot = session.versions().slot(seq);
        if (slot == null) {
            refuse(request.id(), "Message " + seq + " has only one version.");
            return;
        }
        if (request.version() > slot.count()) {
            refuse(request.id(), "Message " + seq + " has versions 1 to " + slot.count() + ", not "
                    + request.version() + ".");
            return;
        }
        Session[] whole = {null};     // before the memory budget trims it: the store gets all of the branch
        Optional<Session> shown = services.sessions().update(conversation.sessionId(),
                s -> whole[0] = Branching.showing(s, seq, request.version()));
        shown.ifPresent(s -> {
            recorder.saveFrom(request.id(), whole[0], seq);
            recorder.showBranch(request.id(), s);
        });
    }

    /**
     * The session, when the request may act on it: the conversation named (if any) is this one (any other id is
     * answered like an unknown one, as the library does) and no reply is in flight.
     */
    private Optional<Session> usable(String requestId, String conversationId) {
        Optional<Session> session = services.sessions().find(conversation.sessionId());
        if (session.isEmpty() || conversationId != null && !conversationId.equals(conversation.sessionId())) {
            ErrorMessage notFound = ConversationErrors.notFound(requestId);
            conversation.error(requestId, notFound.code(), notFound.message(), notFound.retryable());
            return Optional.empty();
        }
        return chats.refuseWhileReplying(requestId) ? Optional.empty() : session;
    }

    private boolean held(String requestId, Session session, int seq) {
        if (Branching.holds(session, seq)) {
            return true;
        }
        refuse(requestId, seq < session.info().firstSeq()
                ? "Message " + seq + " is older than the part of this conversation the server holds at once"
                        + " (from message " + session.info().firstSeq() + " on)."
                : "This conversation has no message " + seq + " (its messages are numbered 0 to "
                        + (session.nextSeq() - 1) + ").");
        return false;
    }

    private void refuse(String requestId, String message) {
        conversation.error(requestId, ErrorCode.BAD_REQUEST, message, false);
    }
}
