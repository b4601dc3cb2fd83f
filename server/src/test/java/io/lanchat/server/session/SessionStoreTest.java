package io.lanchat.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class SessionStoreTest {
    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;

    @Test
    void sessionExpiresAfterIdleTime() {
        SessionStore store = new SessionStore(100, Duration.ofMinutes(30), 10, ticker, Runnable::run);
        Session session = store.create();

        nanos.addAndGet(Duration.ofMinutes(29).toNanos());
        assertThat(store.find(session.id())).isPresent();        // access renews the idle time
        nanos.addAndGet(Duration.ofMinutes(31).toNanos());
        store.cleanUp();

        assertThat(store.find(session.id())).isEmpty();
    }

    @Test
    void holdsAtMostTheConfiguredNumberOfSessions() {
        SessionStore store = new SessionStore(3, Duration.ofHours(1), 10, ticker, Runnable::run);
        for (int i = 0; i < 10; i++) {
            store.create();
        }
        store.cleanUp();

        assertThat(store.size()).isEqualTo(3);
    }

    @Test
    void recordsExchangesClearsPendingAndKeepsAtMostMaxTurns() {
        SessionStore store = new SessionStore(10, Duration.ofHours(1), 4, ticker, Runnable::run);
        String id = store.create().id();
        store.update(id, s -> s.withPending("q1"));

        store.recordExchange(id, Turn.user("q1"), Turn.assistant("a1"));
        store.recordExchange(id, Turn.user("q2"), Turn.assistant("a2"));
        Session session = store.recordExchange(id, Turn.user("q3"), Turn.cancelledAssistant("a3-partial"));

        assertThat(session.pending()).isNull();
        assertThat(session.turns()).extracting(Turn::content).containsExactly("q2", "a2", "q3", "a3-partial");
        assertThat(session.turns().get(3).cancelled()).isTrue();
    }

    @Test
    void idsAreUniqueAndAtLeast128BitsOfBase64() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(SessionIds.next());
        }

        assertThat(ids).hasSize(1000);
        assertThat(ids).allSatisfy(id -> assertThat(id).matches("[A-Za-z0-9_-]{27}"));   // 160 bits
    }
}
