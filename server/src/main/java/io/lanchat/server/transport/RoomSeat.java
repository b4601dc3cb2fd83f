package io.lanchat.server.transport;

import io.lanchat.protocol.RoomPresence;
import io.lanchat.protocol.RoomState;
import io.lanchat.protocol.SharedView;
import io.lanchat.server.chat.Conversation;
import io.lanchat.server.chat.Conversations;
import io.lanchat.server.chat.Watcher;
import io.lanchat.server.library.ConversationLibrary;
import io.lanchat.server.room.RoomMembers;
import io.lanchat.server.share.ShareLink;
import io.lanchat.server.share.ShareService;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One member's place in a room, from entering to leaving: present among the members, holding the conversation live
 * (so it answers with its owner away), and following it as a watcher. Entering loads the conversation if it is not
 * in memory; leaving happens once, however the member goes (closed, dropped, revoked, replaced).
 */
final class RoomSeat {
    /** How entering went. */
    enum Entry { IN, NAME_TAKEN, FULL }

    private final ShareService shares;
    private final Conversations conversations;
    private final ConversationLibrary library;
    private final RoomMembers members;
    private final AtomicBoolean left = new AtomicBoolean();
    private volatile ShareLink link;
    private volatile Conversation held;

    RoomSeat(ShareService shares, Conversations conversations, ConversationLibrary library, RoomMembers members) {
        this.shares = shares;
        this.conversations = conversations;
        this.library = library;
        this.members = members;
    }

    /** Loads the room's conversation into memory (it may have none there: its owner away, the server restarted). */
    CompletableFuture<Boolean> load(ShareLink found) {
        return library.findForOpen(found.owner(), found.conversationId()).thenApply(java.util.Optional::isPresent);
    }

    /**
     * On the member's loop, once loaded: present (a member back with its key takes its old connection's place,
     * which is closed), then holding the conversation, then, on the conversation's loop, watching it and told its
     * state first, so no frame of a reply in flight comes before the state.
     */
    Entry enter(ShareLink found, RoomMemberHandler member, EventLoop loop) {
        RoomMembers.Joined joined = members.join(found.conversationId(), member);
        if (!joined.in()) {
            return Entry.NAME_TAKEN;
        }
        link = found;
        if (joined.replaced() instanceof RoomMemberHandler old) {
            old.replaced();
        }
        Conversation conversation = conversations.holdForRoom(found.conversationId(), loop);
        if (conversation == null) {
            return Entry.FULL;
        }
        held = conversation;
        if (joined.told() != null) {
            conversation.room().presenceChanged(joined.told());
        }
        conversation.execute(() -> {
            shares.audiences().join(found.conversationId(), member);
            member.refresh();
        });
        return Entry.IN;
    }

    /** The state of the room for {@code member}: title, members, history and its key. */
    RoomState state(SharedView view, String name, String key) {
        Conversation conversation = held;
        return new RoomState(view.title(), name, members.names(link.conversationId()), view.history(), key,
                link.answers(), conversation != null && conversation.room().ownerPresent());
    }

    /** Leaves the room (once): no longer present, watching or holding the conversation. */
    void leave(Watcher watcher, RoomMembers.Member member) {
        ShareLink in = link;
        if (in == null || !left.compareAndSet(false, true)) {
            return;
        }
        shares.audiences().leave(in.conversationId(), watcher);
        RoomPresence told = members.leave(in.conversationId(), member);
        Conversation conversation = held;
        if (conversation != null) {
            if (told != null) {
                conversation.room().presenceChanged(told);
            }
            conversation.room().released();
        }
    }

    ShareLink link() {
        return link;
    }

    /** The conversation this member holds, or null before it entered. */
    Conversation conversation() {
        return held;
    }
}
