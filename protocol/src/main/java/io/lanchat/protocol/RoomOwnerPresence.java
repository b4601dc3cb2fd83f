package io.lanchat.protocol;

/**
 * To a room's members: the room's owner opened the conversation ({@code present} true) or left it (closed, dropped,
 * or moved to another conversation). Members learn it first from {@code room_state}'s {@code ownerPresent}.
 *
 * @param present whether the owner has the conversation open now
 */
public record RoomOwnerPresence(boolean present) implements ServerMessage {
}
