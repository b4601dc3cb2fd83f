package io.lanchat.protocol;

/**
 * A room member is typing: the others in the room are told ({@link RoomTyping}). Send it at most every few seconds
 * while the member types; the server passes on at most one every 2 seconds per member and answers nothing.
 *
 * @param id optional; typing is never answered
 */
public record TypingRequest(String id) implements ClientMessage {
}
