package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A member joined or left the room; sent to every other member present (the one who joined learns it from
 * {@code room_state} instead) and to the owner's connection. Members get the change alone and keep their list from
 * {@code room_state} (a full list in every frame would cost the square of a big room's size as it fills); the
 * owner, who gets no {@code room_state}, gets the whole list.
 *
 * @param name    the member's name
 * @param joined  true: came in; false: left (closed, dropped, or its invite was revoked)
 * @param members the names of the members present now, in the order they joined: to the owner; null (absent) to
 *                members
 * @param present how many members are present now
 */
public record RoomPresence(String name, boolean joined, List<String> members, Integer present)
        implements ServerMessage {
    public RoomPresence {
        requireNonNull(name, "name");
        members = members == null ? null : List.copyOf(members);
    }

    /** The change alone, as members get it. */
    public static RoomPresence change(String name, boolean joined, int present) {
        return new RoomPresence(name, joined, null, present);
    }

    /** The change with the whole list, as the owner gets it. */
    public static RoomPresence withList(String name, boolean joined, List<String> members) {
        return new RoomPresence(name, joined, members, members.size());
    }

    /** {@code before} (the names present, in the order they joined) with this change made. */
    public List<String> applyTo(List<String> before) {
        if (members != null) {
            return members;
        }
        List<String> after = new ArrayList<>(before);
        after.remove(name);
        if (joined) {
            after.add(name);
        }
        return List.copyOf(after);
    }
}
