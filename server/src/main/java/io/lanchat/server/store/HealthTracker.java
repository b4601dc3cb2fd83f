package io.lanchat.server.store;

import java.time.Clock;
import java.time.Instant;
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
    private String lastError;
    private Instant failingSince;
    private long failures;

    HealthTracker(String kind, Clock clock, IntSupplier waitingWrites) {
        this.kind = kind;
        this.clock = clock;
        this.waitingWrites = waitingWrites;
    }

    void failed(Throwable error) {
        String words = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        boolean started;
        synchronized (this) {
            failures++;
            lastError = words;
            started = failingSince == null;
            if (started) {
                failingSince = clock.instant();
            }
        }
        if (started) {
            LOG.warn("{} store failing: {}; writes are kept in memory and retried", kind, words);
        }
    }

    void succeeded() {
        int waiting = waitingWrites.getAsInt();
        Instant since;
        synchronized (this) {
            if (failingSince == null || waiting > 0) {
                return;
            }
            since = failingSince;
            failingSince = null;
        }
        LOG.info("{} store recovered (failing since {})", kind, since);
    }

    StoreHealth health() {
        int waiting = waitingWrites.getAsInt();
        synchronized (this) {
            return new StoreHealth(kind, failingSince == null && waiting == 0, lastError, failingSince, waiting,
                    failures);
        }
    }
}
