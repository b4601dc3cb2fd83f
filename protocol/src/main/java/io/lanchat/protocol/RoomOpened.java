package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

/**
 * Answers {@code open_room}: the room's invite. The token is shown this once; whoever has it can join the room
 * (with a valid access token too, where the server requires them) until the invite is revoked, expires, or the
 * conversation is deleted.
 *
 * @param id        the id of the request
 * @param invite    the invite, as listed by {@code list_shares} and revoked by {@code revoke_share}
 * @param token     the invite's secret: join with {@code /ws?room=TOKEN&name=NAME}
 * @param expiresAt when the invite stops letting people in (ISO-8601, UTC); null: never
 */
public record RoomOpened(String id, ShareInfo invite, String token, String expiresAt) implements ServerMessage {
    public RoomOpened {
        requireNonNull(invite, "invite");
        requireNonNull(token, "token");
    }
}
