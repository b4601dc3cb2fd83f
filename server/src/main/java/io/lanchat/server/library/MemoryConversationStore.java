package io.lanchat.server.library;

import io.lanchat.server.session.Session;
import io.lanchat.server.session.SessionRecords;
import io.lanchat.server.session.SessionStore;
import io.lanchat.server.store.ConversationPage;
import io.lanchat.server.store.ConversationRecord;
import io.lanchat.server.store.ConversationStore;
import io.lanchat.server.store.StoreException;
import io.lanchat.server.store.StoreHealth;
import io.lanchat.server.store.StoredConversation;
import io.lanchat.server.store.StoredMessage;
import io.lanchat.server.store.StoredVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Memory-only mode ({@code --database none}): nothing is written anywhere; lists and searches go over the
 * conversations the server holds in memory (which it forgets when idle, evicted or restarted). Scans run on one
 * thread of their own with a bounded queue, never on an event loop.
 */
public final class MemoryConversationStore implements ConversationStore {
    private static final Comparator<ConversationRecord> NEWEST_FIRST = Comparator
            .comparing(ConversationRecord::updatedAt).reversed()
            .thenComparing(ConversationRecord::id, Comparator.reverseOrder());

    private final SessionStore sessions;
    private final ThreadPoolExecutor scans = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(100), r -> {
                Thread thread = new Thread(r, "conversation-scan");
                thread.setDaemon(true);
                return thread;
            });

    public MemoryConversationStore(SessionStore sessions) {
        this.sessions = sessions;
    }

    @Override
    public String kind() {
        return "none";
    }

    @Override
    public CompletableFuture<Boolean> save(ConversationRecord conversation, List<StoredMessage> messages) {
        return CompletableFuture.completedFuture(true);        // the session in memory is all there is
    }

    @Override
    public CompletableFuture<Boolean> saveFrom(ConversationRecord conversation, int fromSeq,
                                               List<StoredMessage> messages, List<StoredVersion> versions) {
        return CompletableFuture.completedFuture(true);        // the session in memory holds its versions too
    }

    @Override
    public CompletableFuture<Optional<StoredConversation>> load(String owner, String id, long maxChars) {
        return CompletableFuture.completedFuture(Optional.empty());  // held ones are found before asking here
    }

    @Override
    public CompletableFuture<ConversationPage> list(String owner, String cursor, int limit) {
        return scan(() -> page(owner, cursor, limit, null));
    }

    @Override
    public CompletableFuture<ConversationPage> search(String owner, String query, String cursor, int limit) {
        List<String> words = List.of(query.toLowerCase(Locale.ROOT).strip().split("\\s+"));
        return scan(() -> page(owner, cursor, limit, words));
    }

    private ConversationPage page(String owner, String cursor, int limit, List<String> words) {
        ConversationRecord after = cursor == null ? null : decode(cursor);
        List<ConversationRecord> matching = sessions.heldBy(owner).stream()
                .filter(SessionRecords::listable)
                .filter(s -> words == null || matches(s, words))
                .map(SessionRecords::listed)
                .filter(r -> after == null || NEWEST_FIRST.compare(r, after) > 0)
                .sorted(NEWEST_FIRST)
                .limit(limit + 1L)
                .toList();
        if (matching.size() <= limit) {
            return new ConversationPage(matching, null);
        }
        List<ConversationRecord> page = matching.subList(0, limit);
        return new ConversationPage(page, encode(page.get(limit - 1)));
    }

    private static boolean matches(Session session, List<String> words) {
        String title = SessionRecords.record(session).title().toLowerCase(Locale.ROOT);
        return words.stream().allMatch(word -> title.contains(word)
                || session.turns().stream().anyMatch(t -> t.content().toLowerCase(Locale.ROOT).contains(word))
                || (session.waiting() != null && session.waiting().text().toLowerCase(Locale.ROOT).contains(word)));
    }

    private static String encode(ConversationRecord last) {
        String raw = last.updatedAt().toEpochMilli() + ":" + last.updatedAt().getNano() + ":" + last.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static ConversationRecord decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", 3);
            Instant at = Instant.ofEpochMilli(Long.parseLong(parts[0])).plusNanos(Long.parseLong(parts[1]) % 1_000_000);
            return new ConversationRecord(parts[2], "", "", null, null, Map.of(), at, at, 0);
        } catch (RuntimeException malformed) {
            throw new IllegalArgumentException("That cursor is not one this server gave out; list from the start.");
        }
    }

    private <T> CompletableFuture<T> scan(Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, scans);
        } catch (RejectedExecutionException busy) {
            return CompletableFuture.failedFuture(new StoreException("too many conversation searches at once"));
        }
    }

    @Override
    public CompletableFuture<Optional<ConversationRecord>> rename(String owner, String id, String title, Instant now) {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    @Override
    public CompletableFuture<Optional<ConversationRecord>> updateSettings(String owner, String id, String model,
                                                                          String system, Map<String, Object> options,
                                                                          String think, Instant now) {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    @Override
    public CompletableFuture<Boolean> delete(String owner, String id) {
        return CompletableFuture.completedFuture(false);
    }

    @Override
    public CompletableFuture<Boolean> discardFrom(String owner, String id, int seq) {
        return CompletableFuture.completedFuture(true);        // memory never held the saved fragment
    }

    @Override
    public CompletableFuture<Integer> deleteUntouchedSince(Instant cutoff) {
        return CompletableFuture.completedFuture(0);
    }

    @Override
    public StoreHealth health() {
        return new StoreHealth("none", true, null, null, 0, 0);
    }

    @Override
    public void close() {
        scans.shutdownNow();
    }
}
