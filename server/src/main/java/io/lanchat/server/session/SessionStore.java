package io.lanchat.server.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Holds every session's conversation within a {@link SessionBudget} of characters. Sessions nobody is using wait
 * in a Caffeine cache, weighed by their characters, evicted when the budget is full and expired after an idle
 * time. Live sessions (a connection attached, or a reply running) are <em>pinned</em>: held outside the cache,
 * never evicted nor expired, and their weight shrinks the cache's share of the budget. When pinned sessions alone
 * fill the budget, {@link #createPinned()} refuses, so the refused user can be told, and a live session no longer
 * grows: its oldest turns make room for new ones.
 *
 * <p>Why pinned sessions are not zero-weight cache entries: Caffeine skips zero-weight entries for size-based
 * eviction only ("it still may be evicted by other means": expiry), and measures a weight only when an entry is
 * written, so pinning would mean re-writing the entry and still racing its expiry.
 *
 * <p>Every move between the cache and {@code pinned}, and every change, runs inside {@code pinned}'s lock for
 * that id, cache operations nested within (never the other way round). A read that finds the session in neither
 * place looks again under that lock, so a moving session is never reported missing.
 *
 * <p>Thread-safe: called from every event loop. Operations are short and never block on I/O.
 */
public final class SessionStore {
    private final SessionBudget budget;
    private final Cache<String, Session> idle;
    private final Policy.Eviction<String, Session> eviction;
    private final ConcurrentHashMap<String, Session> pinned = new ConcurrentHashMap<>();
    private final AtomicLong pinnedWeight = new AtomicLong();

    /**
     * @param budget     how many characters and sessions are held
     * @param idleExpiry a session neither read nor written for this long, and not pinned, is forgotten
     * @param ticker     time source ({@link Ticker#systemTicker()} in production)
     * @param executor   where Caffeine runs maintenance ({@code Runnable::run} in tests)
     */
    public SessionStore(SessionBudget budget, Duration idleExpiry, Ticker ticker, Executor executor) {
        this.budget = budget;
        this.idle = Caffeine.newBuilder()
                .maximumWeight(budget.totalChars())
                .weigher((String id, Session session) -> budget.weightOf(session))
                .expireAfterAccess(idleExpiry)
                .ticker(ticker)
                .executor(executor)
                .build();
        this.eviction = idle.policy().eviction().orElseThrow();
    }

    /**
     * Creates a new empty session, pinned (its connection is attached from the start: a new entry in the cache
     * could be evicted before anyone pinned it).
     *
     * @return the session, or empty when live sessions fill the budget and no new one can be held
     */
    public Optional<Session> createPinned() {
        return createPinned(ConversationInfo.started(ConversationInfo.NOBODY, null, null));
    }

    /** Like {@link #createPinned()}, for a new conversation described by {@code info}. */
    public Optional<Session> createPinned(ConversationInfo info) {
        Session session = Session.empty(SessionIds.next(), SessionIds.next(), info);
        return reserve(budget.weightOf(session)) ? Optional.of(putPinned(session)) : Optional.empty();
    }

    /**
     * Holds a conversation read back from the store (or imported), pinned: it is about to be opened. When the
     * session is held already, that one is pinned and returned instead (it may be newer than the store's copy).
     *
     * @return the session now pinned, or empty when live sessions fill the budget
     */
    public Optional<Session> adoptPinned(Session loaded) {
        if (pin(loaded.id())) {
            return find(loaded.id());
        }
        Session fitted = fit(loaded);
        if (!reserve(budget.weightOf(fitted))) {
            return Optional.empty();
        }
        Session[] held = {fitted};
        pinned.compute(loaded.id(), (id, current) -> {
            if (current != null) {          // pinned meanwhile by another opener: keep that one
                pinnedWeight.addAndGet(-budget.weightOf(fitted));
                held[0] = current;
                return current;
            }
            return fitted;
        });
        resizeIdleCache();
        return Optional.of(held[0]);
    }

    /** Holds a conversation nobody has open (an import in memory-only mode) as idle, unless one with its id is held. */
    public void holdIdle(Session session) {
        pinned.compute(session.id(), (id, current) -> {
            if (current == null) {
                idle.asMap().putIfAbsent(id, fit(session));
            }
            return current;
        });
        resizeIdleCache();
    }

    /**
     * Forgets the idle copy {@code stale} of a session (a newer one was read from the store); a pinned session, or
     * one changed since {@code stale} was read, stays.
     */
    public void dropIdle(String id, Session stale) {
        if (stale != null) {
            pinned.compute(id, (key, current) -> {
                if (current == null) {
                    idle.asMap().remove(key, stale);
                }
                return current;
            });
            resizeIdleCache();
        }
    }

    /** The most characters one conversation keeps in memory. */
    public int perSessionChars() {
        return budget.perSessionChars();
    }

    /** Every session held for {@code owner}, live or idle: a snapshot (memory-only mode lists from it). */
    public java.util.List<Session> heldBy(String owner) {
        java.util.List<Session> found = new java.util.ArrayList<>();
        pinned.values().forEach(s -> {
            if (s.ownedBy(owner)) {
                found.add(s);
            }
        });
        idle.asMap().values().forEach(s -> {
            if (s.ownedBy(owner) && !pinned.containsKey(s.id())) {
                found.add(s);
            }
        });
        return found;
    }

    private boolean reserve(int weight) {
        long held;
        do {
            held = pinnedWeight.get();
            if (held + weight > budget.totalChars()) {
                return false;
            }
        } while (!pinnedWeight.compareAndSet(held, held + weight));
        return true;
    }

    private Session putPinned(Session session) {
        pinned.put(session.id(), session);
        resizeIdleCache();
        return session;
    }

    /** The session, or empty when it never existed, expired or was evicted. */
    public Optional<Session> find(String id) {
        Session session = pinned.get(id);
        if (session == null) {
            session = idle.getIfPresent(id);
        }
        if (session == null) {
            // It may be moving between the two right now: look again where moves are serialized.
            Session[] found = {null};
            pinned.compute(id, (key, current) -> {
                found[0] = current != null ? current : idle.getIfPresent(key);
                return current;
            });
            session = found[0];
        }
        return Optional.ofNullable(session);
    }

    /**
     * Marks the session live: it is neither evicted nor expired until {@link #unpin}. Pinning a pinned session
     * changes nothing (pins are not counted: one live conversation per session).
     *
     * @return false when the session no longer exists (expired, evicted, removed)
     */
    public boolean pin(String id) {
        boolean[] found = {false};
        pinned.compute(id, (key, current) -> {
            if (current != null) {
                found[0] = true;
                return current;
            }
            Session session = idle.asMap().remove(key);
            if (session != null) {
                found[0] = true;
                pinnedWeight.addAndGet(budget.weightOf(session));
            }
            return session;
        });
        if (found[0]) {
            resizeIdleCache();
        }
        return found[0];
    }

    /** The session is no longer live: it goes back to the cache, where its idle time starts now. */
    public void unpin(String id) {
        pinned.computeIfPresent(id, (key, session) -> {
            // Grow the cache's share first, or the put could evict this very session.
            pinnedWeight.addAndGet(-budget.weightOf(session));
            resizeIdleCache();
            idle.put(key, session);         // before the pin goes, so a reader always finds it
            return null;
        });
    }

    /**
     * Atomically replaces the session with {@code change(current)}, trimmed to the per-session budget. A session
     * that does not exist (expired, evicted or removed) is not created again: nobody was told a secret for it.
     *
     * @return the new value, or empty when the session does not exist
     */
    public Optional<Session> update(String id, UnaryOperator<Session> change) {
        Session[] result = {null};
        pinned.compute(id, (key, current) -> {
            if (current == null) {
                result[0] = idle.asMap().computeIfPresent(key, (k, cached) -> fit(change.apply(cached)));
                return null;
            }
            Session next = fit(change.apply(current));
            int before = budget.weightOf(current);
            if (pinnedWeight.get() + budget.weightOf(next) - before > budget.totalChars()) {
                // Live sessions fill the budget and cannot be evicted: this one keeps only as much as it held,
                // its oldest turns making room for the new ones.
                next = next.trimmedTo(Math.min(budget.perSessionChars(), before));
            }
            pinnedWeight.addAndGet(budget.weightOf(next) - before);
            result[0] = next;
            return next;
        });
        resizeIdleCache();
        return Optional.ofNullable(result[0]);
    }

    /** Records a finished exchange and clears the pending message; empty when the session does not exist. */
    public Optional<Session> recordExchange(String id, Turn user, Turn reply) {
        return update(id, s -> s.withExchange(user, reply, budget.maxTurns()));
    }

    /** Appends a message that gets no reply (see {@link Session#withMessage}); empty when the session is gone. */
    public Optional<Session> recordMessage(String id, Turn message) {
        return update(id, s -> s.withMessage(message, budget.maxTurns()));
    }

    /** Forgets the session, pinned or not. */
    public void remove(String id) {
        pinned.computeIfPresent(id, (key, session) -> {
            pinnedWeight.addAndGet(-budget.weightOf(session));
            return null;
        });
        idle.invalidate(id);
        resizeIdleCache();
    }

    /** Sessions currently held, live and idle (the idle count is approximate until {@link #cleanUp()}). */
    public long size() {
        return pinned.size() + idle.estimatedSize();
    }

    /** Sessions pinned as live. */
    public int pinnedCount() {
        return pinned.size();
    }

    /** Weight held, live and idle, against the budget's total characters. */
    public long weight() {
        return pinnedWeight.get() + eviction.weightedSize().orElse(0);
    }

    /** Runs pending expiry and eviction now (tests call this before asserting). */
    public void cleanUp() {
        idle.cleanUp();
    }

    private Session fit(Session session) {
        return session.trimmedTo(budget.perSessionChars());
    }

    /**
     * The idle cache gets what pinned sessions leave of the budget. Repeated until the pinned weight it was
     * computed from is still current, so a racing thread's older value never stays in force.
     */
    /**
     * Gives the idle cache what the pinned sessions leave of the budget. Caffeine applies a new maximum under its
     * eviction lock (held for a maintenance pass, never for I/O), so it is only called when the share changed.
     */
    private void resizeIdleCache() {
        long seen;
        do {
            seen = pinnedWeight.get();
            long share = Math.max(0, budget.totalChars() - seen);
            if (eviction.getMaximum() != share) {
                eviction.setMaximum(share);
            }
        } while (pinnedWeight.get() != seen);
    }
}
