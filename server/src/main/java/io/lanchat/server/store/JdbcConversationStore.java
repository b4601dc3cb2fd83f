package io.lanchat.server.store;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ConversationStore} over JDBC, for SQLite and PostgreSQL alike. Calls run on a {@link StoreExecutor}'s
 * lanes (a conversation's calls always on the same lane, so they apply in order); saves go through
 * {@link WaitingWrites}, so a save that fails is kept and retried on the timer until the database takes it. Open
 * one with {@link ConversationStores}.
 */
final class JdbcConversationStore implements ConversationStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcConversationStore.class);

    private final Dialect dialect;
    private final StoreSettings settings;
    private final StoreExecutor executor;
    private final ConversationSql sql;
    private final WaitingWrites waiting;
    private final HealthTracker health;
    private final Set<String> retrying = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean dropLogged = new AtomicBoolean();
    /** Saves the lanes refused, handed to the timer thread to be kept for the retries (lock-free for callers). */
    private final java.util.Queue<Runnable> refused = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private final AttachmentSql attachmentSql;

    JdbcConversationStore(Dialect dialect, StoreSettings settings, ConnectionFactory connections) {
        this.dialect = dialect;
        this.settings = settings;
        int lanes = settings.lanes() == 0 ? dialect.defaultLanes() : settings.lanes();
        this.executor = new StoreExecutor("lanchat-store-" + dialect.kind(), lanes, settings.queueCapacity(),
                settings.deadline(), connections);
        this.sql = new ConversationSql(dialect, settings.queryTimeoutSeconds());
        this.attachmentSql = new AttachmentSql(settings.queryTimeoutSeconds());
        this.waiting = new WaitingWrites(settings.waitingCharsBudget());
        this.health = new HealthTracker(dialect.kind(), Clock.systemUTC(), waiting::failedCount);
        executor.every(settings.retryInterval(), () -> retryWaiting(false));
    }

    @Override
    public Optional<SqlAccess> sql() {
        return Optional.of(new SqlAccess() {
            @Override
            public <T> CompletableFuture<T> run(String conversationId, Work<T> work) {
                return JdbcConversationStore.this.run(conversationId, work::apply);
            }

            @Override
            public int queryTimeoutSeconds() {
                return settings.queryTimeoutSeconds();
            }
        });
    }

    @Override
    public String kind() {
        return dialect.kind();
    }

    @Override
    public CompletableFuture<Boolean> save(ConversationRecord conversation, List<StoredMessage> messages) {
        requireNonNull(conversation, "conversation");
        requireNonNull(messages, "messages");
        if (closed.get()) {
            return CompletableFuture.failedFuture(new StoreException("store closed"));
        }
        String key = WaitingWrites.key(conversation.owner(), conversation.id());
        AtomicBoolean merged = new AtomicBoolean();
        // The merge happens on the lane: the caller is often a network event loop, which must take no lock.
        CompletableFuture<Boolean> result = tracked(conversation.id(), c -> {
            waiting.merge(conversation, messages);
            merged.set(true);
            return writeWaiting(c, key, conversation.owner(), conversation.id());
        });
        result.whenComplete((ok, e) -> {
            if (e == null) {
                return;
            }
            if (merged.get()) {
                keepForRetry(key);      // on the lane's or the timer's thread
            } else {
                // Refused before it ran ("store busy"), possibly on the caller's thread: the timer keeps it.
                refused.offer(() -> {
                    waiting.merge(conversation, messages);
                    keepForRetry(key);
                });
            }
        });
        return result;
    }

    @Override
    public CompletableFuture<Boolean> saveFrom(ConversationRecord conversation, int fromSeq,
                                               List<StoredMessage> messages, List<StoredVersion> versions) {
        requireNonNull(conversation, "conversation");
        requireNonNull(messages, "messages");
        requireNonNull(versions, "versions");
        String key = WaitingWrites.key(conversation.owner(), conversation.id());
        // A waiting (failed) save must not write back messages of the branch this one replaces.
        return run(conversation.id(), c -> {
            waiting.dropFrom(key, fromSeq);
            return sql.saveFrom(c, conversation, fromSeq, messages, versions);
        });
    }

    @Override
    public CompletableFuture<Optional<StoredConversation>> load(String owner, String id, long maxChars) {
        requireNonNull(owner, "owner");
        requireNonNull(id, "id");
        return run(id, c -> sql.load(c, owner, id, maxChars));
    }

    @Override
    public CompletableFuture<ConversationPage> list(String owner, String cursor, int limit) {
        requireNonNull(owner, "owner");
        PageCursor after = PageCursor.decode(cursor);
        checkLimit(limit);
        return run(null, c -> sql.page(c, owner, List.of(), after, limit));
    }

    @Override
    public CompletableFuture<ConversationPage> search(String owner, String query, String cursor, int limit) {
        requireNonNull(owner, "owner");
        List<String> patterns = SearchWords.patterns(query);
        PageCursor after = PageCursor.decode(cursor);
        checkLimit(limit);
        return run(null, c -> sql.page(c, owner, patterns, after, limit));
    }

    @Override
    public CompletableFuture<Optional<ConversationRecord>> rename(String owner, String id, String title,
                                                                  Instant now) {
        requireNonNull(owner, "owner");
        requireNonNull(id, "id");
        requireNonNull(title, "title");
        requireNonNull(now, "now");
        return run(id, c -> sql.rename(c, owner, id, title, now));
    }

    @Override
    public CompletableFuture<Optional<ConversationRecord>> updateSettings(String owner, String id, String model,
                                                                          String system, Map<String, Object> options,
                                                                          String think, Instant now) {
        requireNonNull(owner, "owner");
        requireNonNull(id, "id");
        requireNonNull(now, "now");
        return run(id, c -> sql.updateSettings(c, owner, id, model, system, options, think, now));
    }

    @Override
    public CompletableFuture<Boolean> saveAttachments(String owner, String id, List<StoredAttachment> attachments) {
        requireNonNull(owner, "owner");
        requireNonNull(id, "id");
        // On the conversation's lane: after the save that wrote its row.
        return run(id, c -> attachmentSql.save(c, owner, id, attachments, java.time.Instant.now()));
    }

    @Override
    public CompletableFuture<Optional<StoredAttachment>> loadAttachment(String owner, String attachmentId) {
        requireNonNull(owner, "owner");
        requireNonNull(attachmentId, "attachmentId");
        return run(null, c -> attachmentSql.load(c, owner, attachmentId));
    }

    @Override
    public CompletableFuture<Boolean> delete(String owner, String id) {
        requireNonNull(owner, "owner");
        requireNonNull(id, "id");
        // On the conversation's lane, after its earlier saves; what waits for a retry must not write it back.
        return run(id, c -> {
            waiting.forget(WaitingWrites.key(owner, id));
            return sql.delete(c, owner, id);
        });
    }

    @Override
    public CompletableFuture<Boolean> discardFrom(String owner, String id, int seq) {
        requireNonNull(owner, "owner");
        requireNonNull(id, "id");
        return run(id, c -> {
            waiting.dropFrom(WaitingWrites.key(owner, id), seq);
            return sql.discardFrom(c, owner, id, seq);
        });
    }

    @Override
    public CompletableFuture<Integer> deleteUntouchedSince(Instant cutoff) {
        requireNonNull(cutoff, "cutoff");
        return run(null, c -> sql.deleteUntouchedSince(c, cutoff));
    }

    @Override
    public StoreHealth health() {
        return health.health();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        executor.stopRepeating();
        retryWaiting(true); // queued behind the work already waiting, so it writes the newest state
        try {
            if (!executor.shutdown(settings.closeDeadline())) {
                LOG.warn("{} store: queued work did not finish within {}", kind(), settings.closeDeadline());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int unsaved = waiting.failedCount();
        if (unsaved > 0) {
            LOG.warn("{} store closed with {} conversations' latest changes unsaved", kind(), unsaved);
        }
    }

    /** Writes what is waiting for the conversation, on its lane. */
    private CompletableFuture<Boolean> write(String key, String owner, String id) {
        return tracked(id, c -> writeWaiting(c, key, owner, id));
    }

    /** On the conversation's lane: writes what is waiting for it. */
    private boolean writeWaiting(java.sql.Connection c, String key, String owner, String id) throws SQLException {
        WaitingWrites.Entry entry = waiting.snapshot(key);
        if (entry == null) {
            // An earlier write on this lane took this save's data along with its own; say what it found.
            return sql.ownedBy(c, owner, id);
        }
        try {
            boolean saved = sql.save(c, entry.record(), entry.messages());
            waiting.written(key, entry.version()); // written, or another owner's id: nothing to retry
            return saved;
        } catch (SQLException | RuntimeException e) {
            if (SqlErrors.isPermanent(e)) {
                waiting.written(key, entry.version()); // the same data would fail again: do not keep it
            }
            throw e;
        }
    }

    private void keepForRetry(String key) {
        int dropped = waiting.failed(key);
        if (dropped > 0 && dropLogged.compareAndSet(false, true)) {
            LOG.error("{} store: unsaved changes exceed {} characters; dropped the oldest {} conversations' "
                    + "(further drops are counted, not logged)", kind(), settings.waitingCharsBudget(), dropped);
        }
    }

    /**
     * Tries the waiting writes again: the oldest one first, and the rest only once it went through, so a database
     * that is still down costs one attempt per interval, not one per conversation.
     */
    private void retryWaiting(boolean all) {
        for (Runnable keep = refused.poll(); keep != null; keep = refused.poll()) {
            keep.run();
        }
        List<String> keys = waiting.failedKeys();
        for (String key : all ? keys : keys.subList(0, Math.min(1, keys.size()))) {
            WaitingWrites.Entry entry = waiting.snapshot(key);
            if (entry == null || !retrying.add(key)) {
                continue;
            }
            write(key, entry.record().owner(), entry.record().id()).whenComplete((ok, e) -> {
                retrying.remove(key);
                if (e != null) {
                    keepForRetry(key);
                } else if (!all && !closed.get()) {
                    retryWaiting(true);
                }
            });
        }
    }

    private <T> CompletableFuture<T> run(String key, StoreExecutor.Work<T> work) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new StoreException("store closed"));
        }
        return tracked(key, work);
    }

    /** Submits without the closed check (close itself retries the waiting writes), counting the outcome. */
    private <T> CompletableFuture<T> tracked(String key, StoreExecutor.Work<T> work) {
        CompletableFuture<T> result = executor.submit(key, work);
        result.whenComplete((v, e) -> {
            if (e == null) {
                health.succeeded();
            } else {
                health.failed(e);
            }
        });
        return result;
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("a page holds 1 to " + MAX_PAGE_SIZE + " conversations, not " + limit);
        }
    }
}
