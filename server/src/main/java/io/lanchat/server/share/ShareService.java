package io.lanchat.server.share;

import io.lanchat.protocol.ConversationList;
import io.lanchat.protocol.ListSharesRequest;
import io.lanchat.protocol.OpenRoomRequest;
import io.lanchat.protocol.RoomOpened;
import io.lanchat.protocol.RevokeShareRequest;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.ShareCreated;
import io.lanchat.protocol.ShareList;
import io.lanchat.protocol.ShareRequest;
import io.lanchat.protocol.SharedView;
import io.lanchat.server.chat.Audiences;
import io.lanchat.server.chat.Conversations;
import io.lanchat.server.library.LibraryErrors;
import io.lanchat.server.store.ConversationStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Share links, for owners (make, list, revoke) and for viewers (find a link by its token, see its conversation).
 * Revoking a link, or deleting its conversation, closes its viewers at once through the {@link Audiences}. Each
 * call returns at once; the answer comes when the store has it. Thread-safe.
 */
public final class ShareService {
    /** The page's path for a link; the WebSocket takes the token as {@code /ws?share=TOKEN}. */
    public static final String PAGE_PATH = "/s/";

    private final ShareStore links;
    private final ConversationViews views;
    private final Audiences audiences;

    public ShareService(Conversations conversations, ConversationStore store, ShareStore links) {
        this.links = links;
        this.views = new ConversationViews(conversations.services(), store);
        this.audiences = conversations.audiences();
    }

    /** The store a conversation store's engine gives: the JDBC one beside the conversations, else memory. */
    public static ShareStore storeFor(ConversationStore store) {
        return store.sql().<ShareStore>map(JdbcShareStore::new).orElseGet(MemoryShareStore::new);
    }

    public CompletableFuture<ServerMessage> share(String owner, ShareRequest request) {
        String id = request.conversationId();
        return views.now(owner, id, request.live()).<ServerMessage>thenCompose(found -> {
            if (found.isEmpty()) {
                return CompletableFuture.completedFuture(LibraryErrors.notFound(request.id()));
            }
            String token = ShareTokens.newToken();
            String hash = ShareTokens.hash(token);
            ShareLink link = new ShareLink(ShareTokens.shareId(hash), hash, id, owner, request.live(),
                    request.live() ? null : found.get(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
            return savedFirst(owner, id).thenCompose(ignored -> links.add(link)).<ServerMessage>thenApply(added -> added
                    ? new ShareCreated(request.id(), link.info(), token, PAGE_PATH + token)
                    : LibraryErrors.notFound(request.id()));
        }).exceptionally(failure -> LibraryErrors.failure(request.id(), failure));
    }

    /** A conversation only in memory so far gets its row first: a link is kept only beside a stored one. */
    private CompletableFuture<?> savedFirst(String owner, String conversationId) {
        return views.held(owner, conversationId)
                .map(s -> views.saver().saveRecord(s).exceptionally(failure -> false))
                .orElseGet(() -> CompletableFuture.completedFuture(true));
    }

    public CompletableFuture<ServerMessage> list(String owner, ListSharesRequest request) {
        return links.list(owner, request.conversationId())
                .<ServerMessage>thenApply(found -> new ShareList(request.id(), request.conversationId(),
                        found.stream().map(ShareLink::info).toList()))
                .exceptionally(failure -> LibraryErrors.failure(request.id(), failure));
    }

    public CompletableFuture<ServerMessage> revoke(String owner, RevokeShareRequest request) {
        return links.revoke(owner, request.shareId()).<ServerMessage>thenCompose(found -> {
            if (found.isEmpty()) {
                return CompletableFuture.completedFuture(LibraryErrors.notFound(request.id()));
            }
            ShareLink link = found.get();
            audiences.revoke(link.conversationId(), link.id());
            return list(owner, new ListSharesRequest(request.id(), link.conversationId()));
        }).exceptionally(failure -> LibraryErrors.failure(request.id(), failure));
    }

    /** The conversation was deleted: its links stop working and their viewers are closed. */
    public void conversationDeleted(String conversationId) {
        links.conversationDeleted(conversationId);
        audiences.revokeAll(conversationId);
    }

    /** The read-only share a token opens; empty for a malformed, unknown or revoked token (or a room's invite). */
    public CompletableFuture<Optional<ShareLink>> find(String token) {
        return find(token, ShareLink.Kind.SHARE);
    }

    /** The link of that kind a token opens now; empty for a malformed, unknown, revoked or expired token. */
    public CompletableFuture<Optional<ShareLink>> find(String token, ShareLink.Kind kind) {
        if (!ShareTokens.wellFormed(token)) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return links.find(ShareTokens.hash(token))
                .thenApply(found -> found.filter(l -> l.kind() == kind && l.openAt(Instant.now())));
    }

    /** Makes the owner's conversation a room: a live invite, optionally expiring; answered by {@code room_opened}. */
    public CompletableFuture<ServerMessage> openRoom(String owner, OpenRoomRequest request) {
        String id = request.conversationId();
        return views.now(owner, id, true).<ServerMessage>thenCompose(found -> {
            if (found.isEmpty()) {
                return CompletableFuture.completedFuture(LibraryErrors.notFound(request.id()));
            }
            String token = ShareTokens.newToken();
            String hash = ShareTokens.hash(token);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Instant expires = request.expiresInMinutes() == null ? null
                    : now.plus(request.expiresInMinutes(), ChronoUnit.MINUTES);
            ShareLink link = new ShareLink(ShareTokens.shareId(hash), hash, id, owner, true, null, now,
                    ShareLink.Kind.ROOM, expires, request.answers());
            return savedFirst(owner, id).thenCompose(ignored -> links.add(link)).<ServerMessage>thenApply(added -> added
                    ? new RoomOpened(request.id(), link.info(), token, expires == null ? null : expires.toString())
                    : LibraryErrors.notFound(request.id()));
        }).exceptionally(failure -> LibraryErrors.failure(request.id(), failure));
    }

    /** What a viewer of {@code link} sees now: its snapshot, or the conversation as it is. */
    public CompletableFuture<Optional<SharedView>> view(ShareLink link) {
        return link.live() ? views.now(link.owner(), link.conversationId(), true)
                : CompletableFuture.completedFuture(Optional.of(link.snapshot()));
    }

    /**
     * {@code answer} with the owner's conversations that are open as rooms marked, when it is a list of
     * conversations (the sidebar shows them); any other answer as it is.
     */
    public CompletableFuture<ServerMessage> markRooms(String owner, ServerMessage answer) {
        if (!(answer instanceof ConversationList list) || list.conversations().isEmpty()) {
            return CompletableFuture.completedFuture(answer);
        }
        return links.openRooms(owner, Instant.now()).thenApply(rooms -> rooms.isEmpty() ? answer
                : new ConversationList(list.id(), list.query(), list.conversations().stream()
                        .map(c -> rooms.contains(c.id()) ? c.asRoom() : c).toList(), list.nextCursor()));
    }

    public Audiences audiences() {
        return audiences;
    }
}
