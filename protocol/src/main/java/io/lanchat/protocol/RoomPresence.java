package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A member joined or left the room; sent to every member present (the one who joined learns it from
 * {@code room_state} instead).
 *
 * @param name    the member's name
 * @param joined  true: came in; false: left (closed, dropped, or its invite was revoked)
 * @param members the names of the members present now, in the order they joined
 */
public record RoomPresence(String name, boolean joined, List<String> members) implements ServerMessage {
    public RoomPresence {
        requireNonNull(name, "name");
        members = members == null ? List.of() : List.copyOf(members);
    }
}
