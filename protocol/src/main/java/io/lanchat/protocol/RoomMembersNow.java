package io.lanchat.protocol;

import java.util.List;

/**
 * To the owner's connection when it opens a conversation that room members are in: who is present now, in the
 * order they joined. Then {@code room_presence} frames tell the changes.
 *
 * @param conversationId the room's conversation
 * @param members        the names present now
 */
public record RoomMembersNow(String conversationId, List<String> members) implements ServerMessage {
    public RoomMembersNow {
        java.util.Objects.requireNonNull(conversationId, "conversationId");
        members = members == null ? List.of() : List.copyOf(members);
    }
}
