package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

/**
 * One active share link, as its owner sees it (without its token, which only {@code shared} carries).
 *
 * @param shareId        names the link in {@code revoke_share}; not secret, it does not open the link
 * @param conversationId the conversation shared
 * @param live           true when viewers follow new messages, false for a snapshot
 * @param createdAt      when it was made (ISO-8601, UTC)
 */
public record ShareInfo(String shareId, String conversationId, boolean live, String createdAt) {
    public ShareInfo {
        requireNonNull(shareId, "shareId");
        requireNonNull(conversationId, "conversationId");
        requireNonNull(createdAt, "createdAt");
    }
}
