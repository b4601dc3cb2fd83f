package io.lanchat.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Pinning, unpinning, updating and reading the same sessions from several threads at once: with room for all of
 * them and no time passing, none may ever be missing, and the weight accounting must come out exact.
 */
@Timeout(60)
final class SessionStoreRaceTest {

    @Test
    void sessionsMovingBetweenLiveAndIdleAreNeverMissingAndTheirWeightAddsUp() throws Exception {
        SessionBudget budget = new SessionBudget(1_000_000, 100, 10_000, 50);
        SessionStore store = new SessionStore(budget, Duration.ofHours(1), Ticker.disabledTicker(), Runnable::run);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ids.add(store.createPinned().orElseThrow().id());
        }
        AtomicInteger missing = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(CompletableFuture.runAsync(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int op = 0; op < 20_000; op++) {
                        String id = ids.get(random.nextInt(ids.size()));
                        switch (random.nextInt(4)) {
                            case 0 -> store.pin(id);
                            case 1 -> store.unpin(id);
                            case 2 -> store.update(id, s -> s.withPending("x".repeat(random.nextInt(500))))
                                    .ifPresentOrElse(s -> { }, missing::incrementAndGet);
                            default -> store.find(id).ifPresentOrElse(s -> { }, missing::incrementAndGet);
                        }
                    }
                }, threads));
            }
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(50, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        ids.forEach(store::unpin);
        store.cleanUp();

        assertThat(missing).as("reads and updates that found no session").hasValue(0);
        assertThat(store.pinnedCount()).isZero();
        assertThat(store.size()).isEqualTo(ids.size());
        assertThat(store.weight()).isEqualTo(ids.stream()
                .mapToLong(id -> budget.weightOf(store.find(id).orElseThrow())).sum());
    }
}
