package io.lanchat.server.chat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who watches which conversation: the {@link Watcher}s of every conversation, live or not in memory (a watcher of
 * a conversation nobody has open waits for its owner to come back). A conversation's replies look up its watchers
 * here as they stream. Thread-safe; nothing here blocks.
 */
public final class Audiences {
    private final ConcurrentHashMap<String, Set<Watcher>> byConversation = new ConcurrentHashMap<>();

    /** {@code watcher} follows {@code conversationId} from now on (until it {@link #leave}s or is revoked). */
    public void join(String conversationId, Watcher watcher) {
        byConversation.computeIfAbsent(conversationId, id -> ConcurrentHashMap.newKeySet()).add(watcher);
    }

    public void leave(String conversationId, Watcher watcher) {
        byConversation.computeIfPresent(conversationId, (id, set) -> {
            set.remove(watcher);
            return set.isEmpty() ? null : set;
        });
    }

    /** The watchers new messages of the conversation reach now (live ones whose connection is open). */
    List<Watcher> liveWatchers(String conversationId) {
        Set<Watcher> set = byConversation.get(conversationId);
        return set == null ? List.of() : set.stream().filter(w -> w.live() && w.isOpen()).toList();
    }

    /** Closes the watchers let in by {@code grantId} (a revoked link); how many there were. */
    public int revoke(String conversationId, String grantId) {
        Set<Watcher> set = byConversation.get(conversationId);
        if (set == null) {
            return 0;
        }
        List<Watcher> going = set.stream().filter(w -> w.grantId().equals(grantId)).toList();
        going.forEach(w -> {
            leave(conversationId, w);
            w.revoked();
        });
        return going.size();
    }

    /** Closes every watcher of the conversation (it was deleted). */
    public void revokeAll(String conversationId) {
        Set<Watcher> set = byConversation.remove(conversationId);
        if (set != null) {
            set.forEach(Watcher::revoked);
        }
    }

    /** How many watchers there are, over every conversation. */
    public int size() {
        return byConversation.values().stream().mapToInt(Set::size).sum();
    }
}
