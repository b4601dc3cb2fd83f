package io.lanchat.server.chat;

import io.lanchat.protocol.CancelRequest;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.ServerMessage;
import java.util.function.Consumer;

/**
 * The room side of a {@link Conversation}: its members' messages and stops. One reply at a time: a member's message
 * during a reply waits in the {@link RoomQueue} and starts when the reply ends. Only the member who asked for a
 * reply may stop it (the owner's ordinary {@code cancel} stops any). Refusals go to the member only.
 *
 * <p>Confined to the conversation's event loop.
 */
final class RoomRequests {
    private final ChatRequests requests;
    private final ChatServices services;
    private final CurrentReply current;
    private final RoomQueue queue;
    /** The member who asked for the reply with id {@link #askedFor} (who may stop it); null: none. */
    private String askedBy;
    private String askedFor;

    RoomRequests(Conversation conversation, ChatRequests requests, ChatServices services, CurrentReply current) {
        this.requests = requests;
        this.services = services;
        this.current = current;
        this.queue = new RoomQueue(conversation);
    }

    /** A member's message: kept and shown under the speaker's name, queued under the member's key. */
    void chat(String speaker, String clientKey, ChatRequest request, Consumer<ServerMessage> toMember) {
        ErrorMessage refused = RoomChatChecks.refusal(request, services);
        if (refused == null && requests.busy()
                && !queue.offer(new RoomQueue.Waiting(speaker, clientKey, request, toMember))) {
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
        askedBy = speaker;
        askedFor = request.id();
        requests.startMemberMessage(request, speaker, clientKey);
    }

    /** The room's reply ended: the next member's message waiting in the room's queue, if any, starts. */
    void next() {
        if (requests.busy()) {
            return;
        }
        RoomQueue.Waiting next = queue.poll();
        if (next != null) {
            chat(next.speaker(), next.clientKey(), next.request(), next.toMember());
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
