package io.lanchat.server.share;

import static java.util.Objects.requireNonNull;

import io.lanchat.protocol.ShareInfo;
import io.lanchat.protocol.SharedView;
import java.time.Instant;

/**
 * One share link as stored: never its token, only the token's hash.
 *
 * @param id             its public name ({@link ShareTokens#shareId})
 * @param tokenHash      the SHA-256 of its token, hex
 * @param conversationId the conversation shared
 * @param owner          the conversation's owner, who alone lists and revokes it
 * @param live           whether viewers follow new messages
 * @param snapshot       for a snapshot link, the conversation as it was when shared; null for a live link
 * @param createdAt      when it was made (to the millisecond)
 */
public record ShareLink(String id, String tokenHash, String conversationId, String owner, boolean live,
                        SharedView snapshot, Instant createdAt) {
    public ShareLink {
        requireNonNull(id, "id");
        requireNonNull(tokenHash, "tokenHash");
        requireNonNull(conversationId, "conversationId");
        requireNonNull(owner, "owner");
        requireNonNull(createdAt, "createdAt");
        if (live == (snapshot != null)) {
            throw new IllegalArgumentException("a live link has no snapshot; a snapshot link has one");
        }
    }

    /** As its owner sees it. */
    public ShareInfo info() {
        return new ShareInfo(id, conversationId, live, createdAt.toString());
    }
}
