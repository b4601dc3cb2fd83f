package io.lanchat.server.store;

import io.lanchat.protocol.ReplyStats;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Records, messages and a bounded wait for the store tests. */
final class StoreFixtures {
    static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");
    /** Quick retries and deadlines, so failure tests stay short. */
    static final StoreSettings FAST = StoreSettings.defaults()
            .withRetryInterval(Duration.ofMillis(200))
            .withDeadline(Duration.ofSeconds(10));

    private StoreFixtures() {
    }

    static ConversationRecord conversation(String owner, String id, String title, long minutes) {
        Instant at = T0.plusSeconds(60 * minutes);
        return new ConversationRecord(id, owner, title, null, null, Map.of(), T0, at, 0);
    }

    static StoredMessage user(int seq, String content) {
        return new StoredMessage(seq, "user", content, MessageState.COMPLETE, "llama3", null, T0.plusSeconds(seq));
    }

    static StoredMessage reply(int seq, String content) {
        return new StoredMessage(seq, "assistant", content, MessageState.COMPLETE, "llama3",
                new ReplyStats(12, 34, 5_000_000L, 100L, 200L, 4_000_000L), T0.plusSeconds(seq));
    }

    /** The future's value within 20 s. */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("store call failed", e);
        }
    }

    /** The exception the future failed with, within 20 s. */
    static Throwable failure(CompletableFuture<?> future) {
        try {
            future.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a failure");
    }

    /** Polls until the condition holds, failing after the deadline. */
    static void eventually(Duration deadline, java.util.function.BooleanSupplier condition, String what) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + deadline + ": " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
