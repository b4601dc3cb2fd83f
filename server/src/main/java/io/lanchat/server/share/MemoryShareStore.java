package io.lanchat.server.share;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Share links in memory-only mode ({@code --database none}): lost when the server stops, like the conversations
 * they share. Every call is a map operation, so it completes at once, on the caller's thread.
 */
public final class MemoryShareStore implements ShareStore {
    /** The most links kept at once, over every owner: beyond that a new link is refused (memory is bounded). */
    static final int MAX_LINKS = 10_000;

    private final ConcurrentHashMap<String, ShareLink> byHash = new ConcurrentHashMap<>();

    @Override
    public CompletableFuture<Boolean> add(ShareLink link) {
        if (byHash.size() >= MAX_LINKS) {
            return CompletableFuture.failedFuture(new IllegalStateException("too many share links (" + MAX_LINKS
                    + "); revoke some first"));
        }
        byHash.put(link.tokenHash(), link);
        return CompletableFuture.completedFuture(true);
    }

    @Override
    public CompletableFuture<Optional<ShareLink>> find(String tokenHash) {
        return CompletableFuture.completedFuture(Optional.ofNullable(byHash.get(tokenHash)));
    }

    @Override
    public CompletableFuture<List<ShareLink>> list(String owner, String conversationId) {
        return CompletableFuture.completedFuture(byHash.values().stream()
                .filter(l -> l.owner().equals(owner) && l.conversationId().equals(conversationId))
                .sorted(Comparator.comparing(ShareLink::createdAt).reversed()).toList());
    }

    @Override
    public CompletableFuture<java.util.Set<String>> openRooms(String owner, java.time.Instant now) {
        return CompletableFuture.completedFuture(byHash.values().stream()
                .filter(l -> l.owner().equals(owner) && l.kind() == ShareLink.Kind.ROOM && l.openAt(now))
                .map(ShareLink::conversationId).collect(java.util.stream.Collectors.toSet()));
    }

    @Override
    public CompletableFuture<Optional<ShareLink>> revoke(String owner, String shareId) {
        Optional<ShareLink> found = byHash.values().stream()
                .filter(l -> l.owner().equals(owner) && l.id().equals(shareId)).findFirst();
        found.ifPresent(l -> byHash.remove(l.tokenHash()));
        return CompletableFuture.completedFuture(found);
    }

    @Override
    public CompletableFuture<Void> conversationDeleted(String conversationId) {
        byHash.values().removeIf(l -> l.conversationId().equals(conversationId));
        return CompletableFuture.completedFuture(null);
    }
}
