package io.lanchat.protocol;

/**
 * Turns one of this owner's conversations into a room: answered by {@code room_opened}, which carries an invite
 * token (shown this once). Members who open the invite see the conversation and everything that follows, live.
 * The invite is revoked like a share link ({@code revoke_share} with its {@code shareId}).
 *
 * @param id               client-chosen request id, echoed by the answer; optional
 * @param conversationId   the conversation to open as a room
 * @param expiresInMinutes after how many minutes the invite stops letting people in (1 to 525600); null: never
 */
public record OpenRoomRequest(String id, String conversationId, Integer expiresInMinutes) implements ClientMessage {
    /** A year: the longest expiry an invite may have. */
    public static final int MAX_EXPIRY_MINUTES = 525_600;

    public OpenRoomRequest {
        Ids.checkId(id);
        conversationId = Titles.checkConversationId(conversationId);
        if (expiresInMinutes != null && (expiresInMinutes < 1 || expiresInMinutes > MAX_EXPIRY_MINUTES)) {
            throw new IllegalArgumentException("expiresInMinutes must be 1 to " + MAX_EXPIRY_MINUTES);
        }
    }
}
