package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

/**
 * One active share link, as its owner sees it (without its token, which only {@code shared} carries).
 *
 * @param shareId        names the link in {@code revoke_share}; not secret, it does not open the link
 * @param conversationId the conversation shared
 * @param live           true when viewers follow new messages, false for a snapshot
 * @param createdAt      when it was made (ISO-8601, UTC)
 * @param kind           {@code share} (a read-only link, {@code /s/TOKEN}) or {@code room} (a room's invite,
 *                       {@code /r/TOKEN}); absent from servers before rooms: a share
 * @param expiresAt      when a room's invite stops letting people in (ISO-8601, UTC); absent: never
 * @param answers        a room's rule: {@code every} (the model answers each member's message) or {@code mentioned}
 *                       (only those that mention {@code @model}); absent for a share
 */
public record ShareInfo(String shareId, String conversationId, boolean live, String createdAt, String kind,
                        String expiresAt, String answers) {
    /** A read-only share link. */
    public ShareInfo(String shareId, String conversationId, boolean live, String createdAt) {
        this(shareId, conversationId, live, createdAt, "share", null, null);
    }

    public ShareInfo {
        requireNonNull(shareId, "shareId");
        requireNonNull(conversationId, "conversationId");
        requireNonNull(createdAt, "createdAt");
    }
}
