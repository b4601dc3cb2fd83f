package io.lanchat.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The store's threads: a few lanes, each one thread with its own connection and a bounded queue, plus a timer for
 * deadlines and retries. Work on the same key (a conversation id) always runs on the same lane, so the writes of
 * one conversation are applied in the order they were made; work without a key goes round the lanes. No pool
 * library: a lane is a one-thread executor, its connection opened lazily and dropped after any SQL failure (the
 * next task opens a fresh one, which is how a lane comes back after the database restarts).
 */
final class StoreExecutor {

    /** Database work, run on a lane's thread with that lane's connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Lane[] lanes;
    private final ScheduledThreadPoolExecutor timer;
    private final Duration deadline;
    private final AtomicInteger nextLane = new AtomicInteger();
    private final List<ScheduledFuture<?>> repeating = new CopyOnWriteArrayList<>();

    StoreExecutor(String name, int laneCount, int queueCapacity, Duration deadline, ConnectionFactory factory) {
        if (laneCount < 1) {
            throw new IllegalArgumentException("at least one lane");
        }
        this.deadline = deadline;
        this.lanes = new Lane[laneCount];
        for (int i = 0; i < laneCount; i++) {
            lanes[i] = new Lane(name + "-" + i, queueCapacity, factory);
        }
        this.timer = new ScheduledThreadPoolExecutor(1, r -> daemon(r, name + "-timer"));
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Runs the work on the key's lane (any lane when the key is null). The future completes on that lane's thread,
     * or exceptionally with a {@link StoreException} on the timer's when the deadline passes first ("store timed
     * out"), or at once when the lane's queue is full ("store busy") or the store is closed.
     */
    <T> CompletableFuture<T> submit(String key, Work<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Lane lane = key == null ? lanes[Math.floorMod(nextLane.getAndIncrement(), lanes.length)]
                : lanes[Math.floorMod(key.hashCode(), lanes.length)];
        try {
            lane.execute(() -> lane.run(work, result));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new StoreException(lane.isShutdown() ? "store closed" : "store busy"));
            return result;
        }
        try {
            ScheduledFuture<?> timeout = timer.schedule(() -> result.completeExceptionally(
                    new StoreException("store timed out after " + deadline.toMillis() + " ms")),
                    deadline.toMillis(), TimeUnit.MILLISECONDS);
            result.whenComplete((v, e) -> timeout.cancel(false));
        } catch (RejectedExecutionException shutDown) {
            // Only after shutdown gave up waiting: the lanes have been interrupted, and end the work themselves.
        }
        return result;
    }

    /** Runs the task every interval on the timer thread, which must only hand work to the lanes. */
    void every(Duration interval, Runnable task) {
        repeating.add(timer.scheduleWithFixedDelay(task, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS));
    }

    /** Stops the repeating tasks; deadlines still run, and the lanes still take work. */
    void stopRepeating() {
        repeating.forEach(f -> f.cancel(false));
    }

    /**
     * Takes no more work, runs what is queued for up to the deadline, then interrupts what is left; each lane closes
     * its connection as it ends.
     *
     * @return true when every lane ended in time
     */
    boolean shutdown(Duration within) throws InterruptedException {
        stopRepeating();
        for (Lane lane : lanes) {
            lane.shutdown();
        }
        long end = System.nanoTime() + within.toNanos();
        boolean all = true;
        for (Lane lane : lanes) {
            if (!lane.awaitTermination(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                lane.shutdownNow();
                all = false;
            }
        }
        timer.shutdownNow(); // last: the work that ran until now still had its deadlines
        return all;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** One thread, its queue and its connection (touched only by that thread). */
    private static final class Lane extends ThreadPoolExecutor {
        private final ConnectionFactory factory;
        private Connection connection;

        Lane(String name, int capacity, ConnectionFactory factory) {
            super(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity), r -> daemon(r, name),
                    new AbortPolicy());
            this.factory = factory;
        }

        <T> void run(Work<T> work, CompletableFuture<T> result) {
            if (result.isDone()) {
                return; // its deadline passed while queued: the caller has been told it failed, so it must not happen
            }
            try {
                if (connection == null) {
                    connection = factory.open();
                }
                result.complete(work.run(connection));
            } catch (SQLException e) {
                // Whatever went wrong, a fresh connection next time is the simple way back (restart, network).
                closeConnection();
                result.completeExceptionally(new StoreException(SqlErrors.describe(e), e));
            } catch (RuntimeException | Error e) {
                closeConnection();
                result.completeExceptionally(e);
            }
        }

        @Override
        protected void terminated() {
            closeConnection();
        }

        private void closeConnection() {
            Connection c = connection;
            connection = null;
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // It is being dropped because it failed; a failure to close it says nothing new.
                }
            }
        }
    }
}
