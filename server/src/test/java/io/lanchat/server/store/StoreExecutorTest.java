package io.lanchat.server.store;

import static io.lanchat.server.store.StoreFixtures.await;
import static io.lanchat.server.store.StoreFixtures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The lanes: bounded queues, deadlines, one connection per lane reopened after a failure, order per key. */
@Timeout(30)
final class StoreExecutorTest {
    private final AtomicInteger opened = new AtomicInteger();
    private final List<Connection> connections = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private StoreExecutor executor;

    private StoreExecutor start(int lanes, int capacity, Duration deadline) {
        executor = new StoreExecutor("test-store", lanes, capacity, deadline, () -> {
            opened.incrementAndGet();
            Connection c = DriverManager.getConnection("jdbc:sqlite::memory:"); // a real, if small, database
            synchronized (connections) {
                connections.add(c);
            }
            return c;
        });
        return executor;
    }

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        if (executor != null) {
            executor.shutdown(Duration.ofSeconds(5));
        }
    }

    @Test
    void aFullQueueFailsTheCallAtOnceWithStoreBusy() {
        start(1, 1, Duration.ofSeconds(10));
        CompletableFuture<Integer> blocking = executor.submit("k", c -> block());
        CompletableFuture<Integer> queued = executor.submit("k", c -> 2);

        CompletableFuture<Integer> rejected = executor.submit("k", c -> 3);

        assertThat(rejected).isCompletedExceptionally();
        assertThat(failure(rejected)).isInstanceOf(StoreException.class).hasMessage("store busy");
        release.countDown();
        assertThat(await(blocking)).isEqualTo(1);
        assertThat(await(queued)).isEqualTo(2);
    }

    @Test
    void aCallPastItsDeadlineFailsAndIsNotRunLater() {
        start(1, 10, Duration.ofMillis(300));
        AtomicBoolean ran = new AtomicBoolean();
        CompletableFuture<Integer> slow = executor.submit("k", c -> block());
        CompletableFuture<Integer> behind = executor.submit("k", c -> {
            ran.set(true);
            return 2;
        });

        Throwable timedOut = failure(slow);
        Throwable alsoTimedOut = failure(behind);
        release.countDown();
        int after = await(executor.submit("k", c -> 3));

        assertThat(timedOut).isInstanceOf(StoreException.class).hasMessageContaining("timed out");
        assertThat(alsoTimedOut).isInstanceOf(StoreException.class);
        assertThat(after).isEqualTo(3);
        assertThat(ran).isFalse();
    }

    @Test
    void aLaneKeepsItsConnectionAndOpensAFreshOneAfterAFailure() throws SQLException {
        start(1, 10, Duration.ofSeconds(10));
        Connection first = await(executor.submit(null, c -> c));
        Connection same = await(executor.submit(null, c -> c));

        Throwable failed = failure(executor.submit(null, c -> {
            throw new SQLException("boom", "08006");
        }));
        Connection fresh = await(executor.submit(null, c -> c));

        assertThat(same).isSameAs(first);
        assertThat(failed).isInstanceOf(StoreException.class).hasMessageContaining("boom");
        assertThat(first.isClosed()).isTrue();
        assertThat(fresh).isNotSameAs(first);
        assertThat(opened).hasValue(2);
    }

    @Test
    void callsOnOneKeyRunOnOneLaneInOrder() {
        start(4, 1_000, Duration.ofSeconds(10));
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Integer> order = new ArrayList<>();
        List<CompletableFuture<Integer>> calls = new ArrayList<>();

        for (int i = 0; i < 200; i++) {
            int n = i;
            calls.add(executor.submit("conversation-7", c -> {
                threads.add(Thread.currentThread().getName());
                order.add(n); // one lane: one thread touches the list
                return n;
            }));
        }
        calls.forEach(StoreFixtures::await);

        assertThat(threads).hasSize(1);
        assertThat(order).isSorted().hasSize(200);
    }

    @Test
    void shutdownFinishesQueuedWorkClosesConnectionsAndRefusesMore() throws Exception {
        start(2, 10, Duration.ofSeconds(10));
        CompletableFuture<Integer> running = executor.submit("a", c -> block());
        CompletableFuture<Integer> queued = executor.submit("a", c -> 2);
        await(executor.submit("b", c -> 3));
        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS).execute(release::countDown);

        boolean ended = executor.shutdown(Duration.ofSeconds(5));

        assertThat(ended).isTrue();
        assertThat(running.get(1, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(queued.get(1, TimeUnit.SECONDS)).isEqualTo(2);
        assertThat(failure(executor.submit("a", c -> 3))).hasMessage("store closed");
        synchronized (connections) {
            for (Connection c : connections) {
                assertThat(c.isClosed()).isTrue();
            }
        }
    }

    private int block() {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 1;
    }
}
