package io.lanchat.server.chat;

import io.lanchat.protocol.CancelRequest;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.RoomMembersNow;
import io.lanchat.protocol.RoomOwnerPresence;
import io.lanchat.protocol.RoomPresence;
import io.lanchat.protocol.ServerMessage;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A {@link Conversation} as its room sees it: the members present hold it live (it answers with its owner away),
 * their messages and stops go to its {@link RoomRequests}, and the owner's comings, goings and typing reach them.
 * Every method may be called from any thread: the work hops to the conversation's loop.
 */
public final class ConversationRoom {
    private final Conversation conversation;
    private final RoomRequests requests;
    /** Room members present; while any is, the conversation stays registered (see {@link Conversations#holdForRoom}). */
    private final AtomicInteger holds = new AtomicInteger();
    /** The names present, as the last change told them; for an owner who opens the conversation later. */
    private volatile List<String> present = List.of();

    ConversationRoom(Conversation conversation, RoomRequests requests) {
        this.conversation = conversation;
        this.requests = requests;
    }

    /** A member's message (see {@link RoomRequests#chat}); refusals go to {@code toMember}. */
    public void memberChat(String speaker, String clientKey, ChatRequest request, Consumer<ServerMessage> toMember,
                           boolean onlyWhenMentioned) {
        conversation.execute(() -> requests.chat(speaker, clientKey, request, toMember, onlyWhenMentioned));
    }

    /** A member's {@code cancel} (see {@link RoomRequests#cancel}). */
    public void memberCancel(String speaker, CancelRequest request, Consumer<ServerMessage> toMember) {
        conversation.execute(() -> requests.cancel(speaker, request, toMember));
    }

    /** A member left: with nobody left to answer, the conversation may leave memory. */
    public void released() {
        holds.updateAndGet(n -> Math.max(0, n - 1));
        conversation.execute(conversation::roomLeft);
    }

    /** Whether the owner has the conversation open now. */
    public boolean ownerPresent() {
        return conversation.ownerAttached();
    }

    /** The owner is typing: the members are told (at most every 2 s). */
    public void ownerTyping() {
        conversation.execute(() -> {
            if (isHeld()) {
                requests.ownerTyping();
            }
        });
    }

    /** A member came or went: the owner's connection is told, with the names present now. */
    public void presenceChanged(RoomPresence withList) {
        present = withList.members() == null ? present : withList.members();
        tellOwner(withList);
    }

    /** A frame for the owner's connection, if it has the conversation open (a member's presence, typing). */
    public void tellOwner(ServerMessage message) {
        conversation.execute(() -> {
            conversation.send(message);
            conversation.flush();
        });
    }

    void held() {
        holds.incrementAndGet();
    }

    /** Whether members are present. */
    boolean isHeld() {
        return holds.get() > 0;
    }

    /** On the conversation's loop: the owner's connection came or went. */
    void ownerPresenceChanged(boolean here) {
        if (!isHeld()) {
            return;
        }
        requests.tellMembers(new RoomOwnerPresence(here));
        if (here) {      // after the task that attached it, which tells it the conversation first
            conversation.loop().execute(() -> tellOwner(new RoomMembersNow(conversation.sessionId(), present)));
        }
    }

    /** On the conversation's loop: the room's reply ended; the next message waiting starts. */
    void next() {
        requests.next();
    }
}
