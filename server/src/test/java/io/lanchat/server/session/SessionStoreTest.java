package io.lanchat.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class SessionStoreTest {
    private static final Duration IDLE = Duration.ofMinutes(30);

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;

    private SessionStore store(long totalChars, int maxSessions, int perSessionChars, int maxTurns) {
        return new SessionStore(new SessionBudget(totalChars, maxSessions, perSessionChars, maxTurns), IDLE, ticker,
                Runnable::run);
    }

    private void advance(Duration time) {
        nanos.addAndGet(time.toNanos());
    }

    /** A session nobody is connected to, holding {@code chars} characters of history. */
    private Session idleSession(SessionStore store, int chars) {
        Session session = store.createPinned().orElseThrow();
        store.recordExchange(session.id(), Turn.user("q"), Turn.assistant("a".repeat(chars - 1)));
        store.unpin(session.id());
        return session;
    }

    @Test
    void idleTimeCountsFromTheLastReadNotFromCreation() {
        SessionStore store = store(1_000_000, 100, 10_000, 10);
        Session session = idleSession(store, 10);

        for (int i = 0; i < 3; i++) {               // 60 minutes after creation, never 30 without a read
            advance(Duration.ofMinutes(20));
            store.cleanUp();
            assertThat(store.find(session.id())).as("read after %d min", 20 * (i + 1)).isPresent();
        }
        advance(Duration.ofMinutes(31));
        store.cleanUp();

        assertThat(store.find(session.id())).isEmpty();
    }

    @Test
    void idleSessionsAreBoundedByTheCharactersTheyHold() {
        SessionStore store = store(10_000, 1_000, 5_000, 10);
        for (int i = 0; i < 10; i++) {
            idleSession(store, 2_000);
        }
        store.cleanUp();

        assertThat(store.weight()).isLessThanOrEqualTo(10_000);
        assertThat(store.size()).isLessThanOrEqualTo(5);
    }

    @Test
    void maxSessionsStillBoundsTheCountOfEmptySessions() {
        SessionStore store = store(1_000, 3, 100, 10);
        for (int i = 0; i < 10; i++) {
            store.createPinned().ifPresent(s -> store.unpin(s.id()));
        }
        store.cleanUp();

        assertThat(store.size()).isEqualTo(3);
    }

    @Test
    void recordsExchangesClearsPendingAndKeepsAtMostMaxTurns() {
        SessionStore store = store(10_000, 10, 1_000, 4);
        String id = store.createPinned().orElseThrow().id();
        store.update(id, s -> s.withPending("q1"));

        store.recordExchange(id, Turn.user("q1"), Turn.assistant("a1"));
        store.recordExchange(id, Turn.user("q2"), Turn.assistant("a2"));
        Session session = store.recordExchange(id, Turn.user("q3"), Turn.cancelledAssistant("a3-partial")).orElseThrow();

        assertThat(session.pending()).isNull();
        assertThat(session.turns()).extracting(Turn::content).containsExactly("q2", "a2", "q3", "a3-partial");
        assertThat(session.turns().get(3).cancelled()).isTrue();
    }

    @Test
    void storedHistoryKeepsAtMostThePerSessionCharactersDroppingTheOldest() {
        SessionStore store = store(100_000, 10, 100, 100);
        String id = store.createPinned().orElseThrow().id();
        for (int i = 0; i < 5; i++) {
            store.recordExchange(id, Turn.user("q" + i), Turn.assistant(i + "a".repeat(29)));
        }

        Session session = store.find(id).orElseThrow();
        assertThat(session.chars()).isLessThanOrEqualTo(100);
        assertThat(session.turns()).extracting(Turn::content)
                .containsExactly("q2", "2" + "a".repeat(29), "q3", "3" + "a".repeat(29), "q4", "4" + "a".repeat(29));
    }

    @Test
    void aReplyLongerThanThePerSessionCharactersIsStoredCutAfterItsQuestion() {
        SessionStore store = store(100_000, 10, 100, 100);
        String id = store.createPinned().orElseThrow().id();
        store.recordExchange(id, Turn.user("old"), Turn.assistant("old reply"));

        Session session = store.recordExchange(id, Turn.user("q"), Turn.assistant("b".repeat(1_000))).orElseThrow();

        assertThat(session.turns()).extracting(Turn::content).containsExactly("q", "b".repeat(99));
    }

    @Test
    void liveSessionsAreNeverEvictedAndNewOnesAreRefusedWhenTheyFillTheBudget() {
        SessionStore store = store(50 * 100, 50, 100, 10);    // room for 50 sessions
        List<Session> live = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < 60; i++) {
            Optional<Session> created = store.createPinned();
            if (created.isPresent()) {
                live.add(created.get());
            } else {
                refused++;
            }
        }
        for (int i = 0; i < 100; i++) {                        // idle sessions pressing for room
            store.createPinned().ifPresent(s -> store.unpin(s.id()));
        }
        store.cleanUp();

        assertThat(live).hasSize(50);
        assertThat(refused).isEqualTo(10);
        assertThat(live).allSatisfy(s -> assertThat(store.find(s.id())).contains(s));
    }

    @Test
    void aSessionLeavingFreesRoomForANewOne() {
        SessionStore store = store(2 * 100, 2, 100, 10);
        Session first = store.createPinned().orElseThrow();
        store.createPinned().orElseThrow();
        assertThat(store.createPinned()).isEmpty();

        store.unpin(first.id());

        assertThat(store.createPinned()).isPresent();
        store.cleanUp();
        assertThat(store.find(first.id())).as("the idle one made room").isEmpty();
    }

    @Test
    void liveSessionsDoNotExpireAndTheirIdleTimeStartsWhenUnpinned() {
        SessionStore store = store(1_000_000, 100, 10_000, 10);
        Session session = store.createPinned().orElseThrow();

        advance(Duration.ofHours(5));
        store.cleanUp();
        assertThat(store.find(session.id())).as("pinned for 5 h").isPresent();

        store.unpin(session.id());
        advance(Duration.ofMinutes(29));
        store.cleanUp();
        assertThat(store.find(session.id())).as("idle for 29 min").isPresent();
        advance(Duration.ofMinutes(31));
        store.cleanUp();
        assertThat(store.find(session.id())).as("idle for 31 min").isEmpty();
    }

    @Test
    void liveSessionsTakeTheirShareFromTheIdleOnes() {
        SessionStore store = store(1_000, 100, 1_000, 10);
        Session big = store.createPinned().orElseThrow();
        store.recordExchange(big.id(), Turn.user("q"), Turn.assistant("a".repeat(899)));   // 900 of 1000 live
        for (int i = 0; i < 10; i++) {
            idleSession(store, 50);
        }
        store.cleanUp();

        assertThat(store.find(big.id())).isPresent();
        assertThat(store.weight()).isLessThanOrEqualTo(1_000);
        assertThat(store.size()).isLessThanOrEqualTo(1 + 2);
    }

    @Test
    void whenLiveSessionsFillTheBudgetALiveSessionKeepsOnlyAsMuchAsItHeld() {
        SessionStore store = store(1_000, 10, 1_000, 100);
        Session a = store.createPinned().orElseThrow();
        Session b = store.createPinned().orElseThrow();
        store.recordExchange(a.id(), Turn.user("a1"), Turn.assistant("x".repeat(448)));   // 450
        store.recordExchange(b.id(), Turn.user("b1"), Turn.assistant("y".repeat(498)));   // 500

        Session grown = store.recordExchange(a.id(), Turn.user("a2"), Turn.assistant("z".repeat(98))).orElseThrow();

        assertThat(grown.turns()).extracting(Turn::content).containsExactly("a2", "z".repeat(98));
        assertThat(store.weight()).isLessThanOrEqualTo(1_000);
    }

    @Test
    void pinningTakesAnIdleSessionBackAndFailsForOneThatIsGone() {
        SessionStore store = store(1_000_000, 100, 10_000, 10);
        Session session = idleSession(store, 10);

        assertThat(store.pin(session.id())).isTrue();
        assertThat(store.pin(session.id())).as("pinning twice").isTrue();
        assertThat(store.pinnedCount()).isEqualTo(1);
        assertThat(store.pin("no-such-session")).isFalse();
        assertThat(store.find("no-such-session")).isEmpty();
    }

    @Test
    void updatingAMissingSessionDoesNotCreateIt() {
        SessionStore store = store(1_000_000, 100, 10_000, 10);
        Session expired = idleSession(store, 10);
        advance(Duration.ofMinutes(31));
        store.cleanUp();

        assertThat(store.update(expired.id(), s -> s.withPending("hello"))).isEmpty();
        assertThat(store.recordExchange(expired.id(), Turn.user("q"), Turn.assistant("a"))).isEmpty();
        assertThat(store.update("never-existed", s -> s.withPending("hello"))).isEmpty();
        assertThat(store.find(expired.id())).isEmpty();
        assertThat(store.find("never-existed")).isEmpty();
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
