package io.lanchat.server.room;

import io.lanchat.protocol.RoomPresence;
import io.lanchat.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is present in which room, in the order they joined, and the {@code room_presence} frames that tell the others.
 * A name is unique within a room while its member is present; its secret key lets the same member come back on a new
 * connection before the old one is noticed gone. Thread-safe without locks of its own: each room's
 * list is an immutable value swapped atomically, and frames go out after the swap.
 */
public final class RoomMembers {
    /** One member's connection, as presence sees it. Its {@link #tell} may be called from any thread. */
    public interface Member {
        String name();

        /** The secret that lets this member take its place back from a new connection (see {@link #join}). */
        String key();

        /** Writes and flushes one frame to this member. */
        void tell(ServerMessage message);
    }

    /**
     * How a join went.
     *
     * @param in       whether the member is present now
     * @param replaced the connection it took the place of (same name and key: a member back after a drop the server
     *                 has not noticed yet), to be closed without a "left"; null when none
     * @param told     the change with the whole list, for the owner; null when nothing changed (the others were
     *                 told the change alone)
     */
    public record Joined(boolean in, Member replaced, RoomPresence told) {
    }

    private final ConcurrentHashMap<String, List<Member>> byConversation = new ConcurrentHashMap<>();

    /**
     * Adds {@code member} to the room and tells the others. When a present member has that name: with the same key
     * ({@code member.key()}), the new connection takes its place silently; otherwise nothing changes and it is not
     * in.
     */
    public Joined join(String conversationId, Member member) {
        Member[] replaced = new Member[1];
        boolean[] added = new boolean[1];
        List<Member> now = byConversation.compute(conversationId, (id, present) -> {
            List<Member> list = new ArrayList<>(present == null ? List.of() : present);
            for (int i = 0; i < list.size(); i++) {
                Member other = list.get(i);
                if (other.name().equals(member.name())) {
                    if (!other.key().equals(member.key())) {
                        return present;
                    }
                    replaced[0] = other;
                    list.set(i, member);
                    return List.copyOf(list);
                }
            }
            added[0] = true;
            list.add(member);
            return List.copyOf(list);
        });
        RoomPresence told = null;
        if (added[0]) {
            tellOthers(now, member, RoomPresence.change(member.name(), true, now.size()));
            told = RoomPresence.withList(member.name(), true, names(now));
        }
        return new Joined(added[0] || replaced[0] != null, replaced[0], told);
    }

    /** Tells everyone present but {@code sender} (null: everyone) a frame, e.g. who is typing. */
    public void tellOthers(String conversationId, Member sender, ServerMessage message) {
        tellOthers(byConversation.getOrDefault(conversationId, List.of()), sender, message);
    }

    /** Removes {@code member} (if present) and tells the others it left; returns the change with the list, or null. */
    public RoomPresence leave(String conversationId, Member member) {
        boolean[] removed = new boolean[1];
        List<Member> now = byConversation.computeIfPresent(conversationId, (id, present) -> {
            List<Member> shorter = new ArrayList<>(present);
            removed[0] = shorter.remove(member);
            return shorter.isEmpty() ? null : List.copyOf(shorter);
        });
        if (!removed[0]) {
            return null;
        }
        if (now != null) {
            tellOthers(now, member, RoomPresence.change(member.name(), false, now.size()));
        }
        return RoomPresence.withList(member.name(), false, now == null ? List.of() : names(now));
    }

    /** The names present in the room now, in the order they joined. */
    public List<String> names(String conversationId) {
        return names(byConversation.getOrDefault(conversationId, List.of()));
    }

    private static List<String> names(List<Member> members) {
        return members.stream().map(Member::name).toList();
    }

    private static void tellOthers(List<Member> members, Member self, ServerMessage message) {
        members.stream().filter(m -> m != self).forEach(m -> m.tell(message));
    }
}
