package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

/**
 * Revokes one of this owner's share links: it stops working at once and its viewers are disconnected. Answered by
 * {@code shares} with the links of that conversation still active.
 *
 * @param id      client-chosen request id, echoed by the answer; optional
 * @param shareId the link's {@code shareId} (from {@code shared} or {@code shares}), not its token
 */
public record RevokeShareRequest(String id, String shareId) implements ClientMessage {
    public RevokeShareRequest {
        Ids.checkId(id);
        requireNonNull(shareId, "shareId");
        if (!shareId.matches("[0-9a-f]{16}")) {
            throw new IllegalArgumentException("shareId must be 16 lower-case hex digits");
        }
    }
}
