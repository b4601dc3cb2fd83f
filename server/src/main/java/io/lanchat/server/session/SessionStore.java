package io.lanchat.server.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

/**
 * Holds every session's conversation in a bounded Caffeine cache whose entries expire after an idle time.
 * The cache never leaves this class; sessions are immutable and replaced atomically.
 *
 * <p>Thread-safe: called from every event loop. Operations are short and never block on I/O.
 */
public final class SessionStore {
    private final Cache<String, Session> cache;
    private final int maxTurns;

    /**
     * @param maxSessions most sessions kept; the least recently used are evicted first
     * @param idleExpiry  a session neither read nor written for this long is forgotten
     * @param maxTurns    most turns kept per session
     * @param ticker      time source ({@link Ticker#systemTicker()} in production)
     * @param executor    where Caffeine runs maintenance ({@code Runnable::run} in tests)
     */
    public SessionStore(int maxSessions, Duration idleExpiry, int maxTurns, Ticker ticker, Executor executor) {
        this.maxTurns = maxTurns;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxSessions)
                .expireAfterAccess(idleExpiry)
                .ticker(ticker)
                .executor(executor)
                .build();
    }

    /** Creates a new empty session with a fresh unguessable id. */
    public Session create() {
        Session session = Session.empty(SessionIds.next(), SessionIds.next());
        cache.put(session.id(), session);
        return session;
    }

    /** The session, or empty when it never existed, expired or was evicted. */
    public Optional<Session> find(String id) {
        return Optional.ofNullable(cache.getIfPresent(id));
    }

    /**
     * Atomically replaces the session with {@code change(current)}. A session that expired meanwhile starts
     * again empty under the same id, with a new secret (the old one may have been seen by then).
     *
     * @return the new value
     */
    public Session update(String id, UnaryOperator<Session> change) {
        return cache.asMap().compute(id,
                (key, current) -> change.apply(current != null ? current : Session.empty(key, SessionIds.next())));
    }

    /** Records a finished exchange and clears the pending message. */
    public Session recordExchange(String id, Turn user, Turn reply) {
        return update(id, s -> s.withExchange(user, reply, maxTurns));
    }

    public void remove(String id) {
        cache.invalidate(id);
    }

    /** Sessions currently held (approximate until {@link #cleanUp()}). */
    public long size() {
        return cache.estimatedSize();
    }

    /** Runs pending expiry and eviction now (tests call this before asserting). */
    public void cleanUp() {
        cache.cleanUp();
    }
}
