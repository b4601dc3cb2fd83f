package io.lanchat.server.share;

import static java.util.Objects.requireNonNull;

import io.lanchat.protocol.OpenRoomRequest;
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
 * @param kind           a read-only share, or a room's invite (always live)
 * @param expiresAt      when it stops opening anything; null: never
 * @param answers        a room's rule, {@code every} or {@code mentioned} (see {@code OpenRoomRequest}); null for a
 *                       share
 */
public record ShareLink(String id, String tokenHash, String conversationId, String owner, boolean live,
                        SharedView snapshot, Instant createdAt, Kind kind, Instant expiresAt, String answers) {
    /** What the link opens; kept in the {@code kind} column by this name, lower case. */
    public enum Kind { SHARE, ROOM }

    /** A read-only share link, which never expires. */
    public ShareLink(String id, String tokenHash, String conversationId, String owner, boolean live,
                     SharedView snapshot, Instant createdAt) {
        this(id, tokenHash, conversationId, owner, live, snapshot, createdAt, Kind.SHARE, null, null);
    }

    /** A room's invite where the model answers every message, or a share. */
    public ShareLink(String id, String tokenHash, String conversationId, String owner, boolean live,
                     SharedView snapshot, Instant createdAt, Kind kind, Instant expiresAt) {
        this(id, tokenHash, conversationId, owner, live, snapshot, createdAt, kind, expiresAt,
                kind == Kind.ROOM ? OpenRoomRequest.EVERY : null);
    }

    public ShareLink {
        requireNonNull(kind, "kind");
        if (kind == Kind.ROOM) {
            answers = answers == null ? OpenRoomRequest.EVERY : answers;
        } else {
            answers = null;
        }
        if (kind == Kind.ROOM && !live) {
            throw new IllegalArgumentException("a room's invite is live");
        }
        requireNonNull(id, "id");
        requireNonNull(tokenHash, "tokenHash");
        requireNonNull(conversationId, "conversationId");
        requireNonNull(owner, "owner");
        requireNonNull(createdAt, "createdAt");
        if (live == (snapshot != null)) {
            throw new IllegalArgumentException("a live link has no snapshot; a snapshot link has one");
        }
    }

    /** Whether it still opens something at {@code now}. */
    public boolean openAt(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }

    /** As its owner sees it. */
    public ShareInfo info() {
        return new ShareInfo(id, conversationId, live, createdAt.toString(),
                kind.name().toLowerCase(java.util.Locale.ROOT), expiresAt == null ? null : expiresAt.toString(), answers);
    }

    /** Whether the model answers only messages that mention {@code @model} (a room's rule). */
    public boolean answersWhenMentioned() {
        return OpenRoomRequest.MENTIONED.equals(answers);
    }
}
