package io.lanchat.protocol;

/**
 * Turns one of this owner's conversations into a room: answered by {@code room_opened}, which carries an invite
 * token (shown this once). Members who open the invite see the conversation and everything that follows, live.
 * The invite is revoked like a share link ({@code revoke_share} with its {@code shareId}).
 *
 * @param id               client-chosen request id, echoed by the answer; optional
 * @param conversationId   the conversation to open as a room
 * @param expiresInMinutes after how many minutes the invite stops letting people in (1 to 525600); null: never
 * @param answers          which members' messages the model answers: {@code every} (null: the default) or
 *                         {@code mentioned} (only those that mention {@code @model}; the others are kept and shown)
 */
public record OpenRoomRequest(String id, String conversationId, Integer expiresInMinutes, String answers)
        implements ClientMessage {
    /** The model answers every member's message. */
    public static final String EVERY = "every";
    /** The model answers only members' messages that mention {@code @model}. */
    public static final String MENTIONED = "mentioned";
    /** A year: the longest expiry an invite may have. */
    public static final int MAX_EXPIRY_MINUTES = 525_600;

    public OpenRoomRequest {
        Ids.checkId(id);
        conversationId = Titles.checkConversationId(conversationId);
        if (expiresInMinutes != null && (expiresInMinutes < 1 || expiresInMinutes > MAX_EXPIRY_MINUTES)) {
            throw new IllegalArgumentException("expiresInMinutes must be 1 to " + MAX_EXPIRY_MINUTES);
        }
        if (answers != null && !EVERY.equals(answers) && !MENTIONED.equals(answers)) {
            throw new IllegalArgumentException("answers must be \"every\" or \"mentioned\"");
        }
    }

    /** A room where the model answers every message. */
    public OpenRoomRequest(String id, String conversationId, Integer expiresInMinutes) {
        this(id, conversationId, expiresInMinutes, null);
    }
}
