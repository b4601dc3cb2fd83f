package io.lanchat.server.chat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ReplyPhase;
import io.lanchat.protocol.ServerMessage;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Room members' messages waiting for the room's reply in flight: one reply at a time per room, the rest in the
 * order they came, at most {@link #MAX_WAITING}. Everyone in the room (and the owner) is told each waiting message's
 * place as a {@code phase} {@code queued} frame under its id.
 *
 * <p>Confined to the conversation's event loop.
 */
final class RoomQueue {
    /** The most messages a room keeps waiting: beyond, a member is asked to send again later. */
    static final int MAX_WAITING = 8;

    /** One member's message, with who sent it, where its refusals go, and whether the model answers it. */
    record Waiting(String speaker, String clientKey, ChatRequest request, Consumer<ServerMessage> toMember,
                   boolean answered) {
    }

    private final Conversation conversation;
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();

    RoomQueue(Conversation conversation) {
        this.conversation = conversation;
    }

    /** Adds a message behind the others; false when the room's queue is full. */
    boolean offer(Waiting message) {
        if (waiting.size() >= MAX_WAITING) {
            return false;
        }
        waiting.add(message);
        announce();
        return true;
    }

    /** The next message, or null; the rest hear their new places. */
    Waiting poll() {
        Waiting next = waiting.poll();
        if (next != null) {
            announce();
        }
        return next;
    }

    /** Tells the room every waiting message's place (1: next), to the owner and every member. */
    private void announce() {
        List<Watcher> members = conversation.audiences().liveWatchers(conversation.sessionId()).stream()
                .filter(Watcher::inRoom).toList();     // a share link's viewer never sees queue places
        int place = 1;
        for (Waiting w : waiting) {
            ReplyPhase frame = ReplyPhase.queued(w.request().id(), place++, null);
            conversation.send(frame);
            members.forEach(member -> member.send(frame));
        }
        conversation.flush();
        members.forEach(Watcher::flush);
    }
}
