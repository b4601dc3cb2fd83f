package io.lanchat.server.store;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the store works, from the outcomes of its calls: a failure starts a failing run (logged once), and the
 * run ends (logged once) at the first success after which no write is left waiting. Thread-safe.
 */
final class HealthTracker {
    private static final Logger LOG = LoggerFactory.getLogger(HealthTracker.class);

    private final String kind;
    private final Clock clock;
    private final IntSupplier waitingWrites;
    /** Replaced as a whole, never locked: health is read from network event loops. */
    private final AtomicReference<State> state = new AtomicReference<>(new State(null, null, 0));

    private record State(String lastError, Instant failingSince, long failures) {
    }

    HealthTracker(String kind, Clock clock, IntSupplier waitingWrites) {
        this.kind = kind;
        this.clock = clock;
        this.waitingWrites = waitingWrites;
    }

    void failed(Throwable error) {
        String words = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        Instant now = clock.instant();
        State before = state.getAndUpdate(s -> new State(words,
                s.failingSince() == null ? now : s.failingSince(), s.failures() + 1));
        if (before.failingSince() == null) {
            LOG.warn("{} store failing: {}; writes are kept in memory and retried", kind, words);
        }
    }

    void succeeded() {
        if (waitingWrites.getAsInt() > 0) {
            return;
        }
        State before = state.getAndUpdate(s -> s.failingSince() == null ? s
                : new State(s.lastError(), null, s.failures()));
        if (before.failingSince() != null) {
            LOG.info("{} store recovered (failing since {})", kind, before.failingSince());
        }
    }

    StoreHealth health() {
        int waiting = waitingWrites.getAsInt();
        State s = state.get();
        return new StoreHealth(kind, s.failingSince() == null && waiting == 0, s.lastError(), s.failingSince(),
                waiting, s.failures());
    }
}
