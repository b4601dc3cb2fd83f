package io.lanchat.server.chat;

import io.lanchat.protocol.CancelRequest;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.RoomTyping;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.SharedMessage;
import io.lanchat.server.room.ModelMentions;
import io.lanchat.server.room.TypingPace;
import io.lanchat.server.session.Turn;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The room side of a {@link Conversation}: its members' messages and stops. One reply at a time: a member's message
 * during a reply waits in the {@link RoomQueue} and starts when the reply ends. In a room where the model answers
 * only when mentioned, a message without {@code @model} is kept and shown to everyone without a reply (in its turn,
 * so the transcript keeps one order). Only the member who asked for a reply may stop it (the owner's ordinary
 * {@code cancel} stops any). Refusals go to the member only.
 *
 * <p>Confined to the conversation's event loop.
 */
final class RoomRequests {
    private final Conversation conversation;
    private final ChatRequests requests;
    private final ChatServices services;
    private final CurrentReply current;
    private final TurnRecorder recorder;
    private final RoomQueue queue;
    private final TypingPace ownerTyping = new TypingPace();
    /** The member who asked for the reply with id {@link #askedFor} (who may stop it); null: none. */
    private String askedBy;
    private String askedFor;

    RoomRequests(Conversation conversation, ChatRequests requests, ChatServices services, CurrentReply current,
                 TurnRecorder recorder) {
        this.conversation = conversation;
        this.requests = requests;
        this.services = services;
        this.current = current;
        this.recorder = recorder;
        this.queue = new RoomQueue(conversation);
    }

    /**
     * A member's message: kept and shown under the speaker's name; answered (queued under the member's key) unless
     * {@code onlyWhenMentioned} and it does not mention {@code @model}.
     */
    void chat(String speaker, String clientKey, ChatRequest request, Consumer<ServerMessage> toMember,
              boolean onlyWhenMentioned) {
        boolean answered = !onlyWhenMentioned || ModelMentions.addressesModel(request.text());
        ErrorMessage refused = RoomChatChecks.refusal(request, services);
        if (refused == null && requests.busy()
                && !queue.offer(new RoomQueue.Waiting(speaker, clientKey, request, toMember, answered))) {
            refused = new ErrorMessage(request.id(), ErrorCode.SERVER_BUSY, "This room already has "
                    + RoomQueue.MAX_WAITING + " messages waiting for replies. Send yours again in a while.", true);
        }
        if (refused != null) {
            services.metrics().error(refused.code());
            toMember.accept(refused);
            return;
        }
        if (requests.busy()) {
            return;     // waits in the room's queue
        }
        if (!answered) {
            keepUnanswered(speaker, request);
            next();
            return;
        }
        askedBy = speaker;
        askedFor = request.id();
        requests.startMemberMessage(request, speaker, clientKey);
    }

    /** Kept in the history and shown to the owner and everyone watching, with no reply. */
    private void keepUnanswered(String speaker, ChatRequest request) {
        recorder.recordMessage(request.id(), Turn.user(request.text(), null, Instant.now()).withAuthor(speaker));
        SharedMessage shown = SharedMessage.unanswered(request.id(), HistoryMessage.byMember(speaker, request.text()));
        conversation.send(shown);
        conversation.flush();
        for (Watcher watcher : conversation.audiences().liveWatchers(conversation.sessionId())) {
            watcher.send(shown);
            watcher.flush();
        }
    }

    /** Passed on to the members at most once every {@link TypingPace#EVERY_MILLIS}. */
    void ownerTyping() {
        if (ownerTyping.passes(System.nanoTime())) {
            tellMembers(RoomTyping.ofOwner());
        }
    }

    /** A frame for every member of the room present (never a share link's viewer). */
    void tellMembers(ServerMessage frame) {
        for (Watcher watcher : conversation.audiences().liveWatchers(conversation.sessionId())) {
            if (watcher.inRoom()) {
                watcher.send(frame);
                watcher.flush();
            }
        }
    }

    /** The room's reply ended: the next member's message waiting in the room's queue, if any, starts. */
    void next() {
        if (requests.busy()) {
            return;
        }
        RoomQueue.Waiting next = queue.poll();
        if (next != null) {
            chat(next.speaker(), next.clientKey(), next.request(), next.toMember(), !next.answered());
        }
    }

    /** A member's {@code cancel}: it stops the reply only when that member asked for it. */
    void cancel(String speaker, CancelRequest request, Consumer<ServerMessage> toMember) {
        Reply reply = current.get();
        if (reply == null) {
            toMember.accept(new ErrorMessage(request.id(), ErrorCode.NOTHING_TO_CANCEL, "No reply is being written,"
                    + " so there is nothing to stop.", false));
        } else if (!speaker.equals(askedBy) || !reply.requestId.equals(askedFor)) {
            toMember.accept(new ErrorMessage(request.id(), ErrorCode.FORBIDDEN, "Only the person who asked, or the"
                    + " room's owner, can stop this reply.", false));
        } else {
            toMember.accept(requests.stopForMember());
        }
    }
}
