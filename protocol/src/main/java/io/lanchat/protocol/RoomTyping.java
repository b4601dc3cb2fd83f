package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

/**
 * A room member is typing a message: sent to the others present and to the owner's connection. Show it for a few
 * seconds ("Ana is typing…"); it is sent again while the member goes on typing.
 *
 * @param name the member's name
 */
public record RoomTyping(String name) implements ServerMessage {
    public RoomTyping {
        requireNonNull(name, "name");
    }
}
