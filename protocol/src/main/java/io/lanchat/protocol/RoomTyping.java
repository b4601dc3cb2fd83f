package io.lanchat.protocol;

/**
 * Someone in the room is typing a message: a member (sent to the other members and to the owner's connection) or the
 * owner (sent to the members). Show it for a few seconds ("Ana is typing…"); it is sent again while they go on.
 *
 * @param name  the member's name; null when the owner is typing
 * @param owner true when the owner is typing
 */
public record RoomTyping(String name, boolean owner) implements ServerMessage {
    public RoomTyping {
        if (owner == (name != null)) {
            throw new IllegalArgumentException("a member's typing has its name; the owner's has none");
        }
    }

    /** A member is typing. */
    public static RoomTyping member(String name) {
        return new RoomTyping(name, false);
    }

    /** The owner is typing. */
    public static RoomTyping ofOwner() {
        return new RoomTyping(null, true);
    }
}
