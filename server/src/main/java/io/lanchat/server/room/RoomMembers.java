package io.lanchat.server.room;

import io.lanchat.protocol.RoomPresence;
import io.lanchat.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is present in which room, in the order they joined, and the {@code room_presence} frames that tell the others.
 * A name is unique within a room while its member is present. Thread-safe without locks of its own: each room's
 * list is an immutable value swapped atomically, and frames go out after the swap.
 */
public final class RoomMembers {
    /** One member's connection, as presence sees it. Its {@link #tell} may be called from any thread. */
    public interface Member {
        String name();

        /** Writes and flushes one frame to this member. */
        void tell(ServerMessage message);
    }

    private final ConcurrentHashMap<String, List<Member>> byConversation = new ConcurrentHashMap<>();

    /**
     * Adds {@code member} to the room and tells the others; false (and nothing changes) when a present member has
     * that name already.
     */
    public boolean join(String conversationId, Member member) {
        boolean[] added = new boolean[1];
        List<Member> now = byConversation.compute(conversationId, (id, present) -> {
            List<Member> list = present == null ? List.of() : present;
            if (list.stream().anyMatch(m -> m.name().equals(member.name()))) {
                return list.isEmpty() ? null : list;
            }
            added[0] = true;
            List<Member> longer = new ArrayList<>(list);
            longer.add(member);
            return List.copyOf(longer);
        });
        if (added[0]) {
            tellOthers(now, member, new RoomPresence(member.name(), true, names(now)));
        }
        return added[0];
    }

    /** Removes {@code member} (if present) and tells the others it left. */
    public void leave(String conversationId, Member member) {
        boolean[] removed = new boolean[1];
        List<Member> now = byConversation.computeIfPresent(conversationId, (id, present) -> {
            List<Member> shorter = new ArrayList<>(present);
            removed[0] = shorter.remove(member);
            return shorter.isEmpty() ? null : List.copyOf(shorter);
        });
        if (removed[0] && now != null) {
            tellOthers(now, member, new RoomPresence(member.name(), false, names(now)));
        }
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
