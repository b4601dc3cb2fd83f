package io.lanchat.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** When the guard ends the process, and what it says; one case each. The real exit: OutOfMemoryExitTest. */
final class HeapExhaustionGuardTest {
    private static final List<String> OLD = List.of("G1 Old Gen");
    private static final long MAX = 100L << 20;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicInteger exits = new AtomicInteger();
    private final HeapExhaustionGuard guard =
            new HeapExhaustionGuard(new PrintStream(err, true, StandardCharsets.UTF_8), exits::incrementAndGet);

    private static Map<String, MemoryUsage> oldGenUsed(int percent) {
        return Map.of("G1 Old Gen", new MemoryUsage(0, MAX * percent / 100, MAX, MAX),
                "G1 Eden Space", new MemoryUsage(0, 0, 0, -1));
    }

    private String said() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void twoFullCollectionsInARowLeavingTheOldGenerationFullEndTheProcess() {
        guard.afterFullCollection("G1 Compaction Pause", oldGenUsed(92), OLD);
        assertThat(exits).as("after one").hasValue(0);

        guard.afterFullCollection("G1 Compaction Pause", oldGenUsed(92), OLD);

        assertThat(exits).hasValue(1);
        assertThat(said()).contains("lanchat: FATAL: out of memory: G1 Old Gen still 92% full (92 of 100 MiB)")
                .contains("exiting so a supervisor can restart the server");
    }

    @Test
    void aFullCollectionThatFreedTheHeapStartsTheCountAgain() {
        guard.afterFullCollection("G1 Compaction Pause", oldGenUsed(95), OLD);
        guard.afterFullCollection("G1 Compaction Pause", oldGenUsed(40), OLD);
        guard.afterFullCollection("G1 Compaction Pause", oldGenUsed(95), OLD);

        assertThat(exits).hasValue(0);
    }

    @Test
    void collectionsAskedForBySystemGcDoNotCount() {
        guard.afterFullCollection("System.gc()", oldGenUsed(95), OLD);
        guard.afterFullCollection("System.gc()", oldGenUsed(95), OLD);
        guard.afterFullCollection("G1 Compaction Pause", oldGenUsed(95), OLD);

        assertThat(exits).hasValue(0);
    }

    @Test
    void anOldGenerationBelowTheThresholdIsHealthy() {
        for (int i = 0; i < 5; i++) {
            guard.afterFullCollection("G1 Compaction Pause", oldGenUsed(HeapExhaustionGuard.FULL_PERCENT - 1), OLD);
        }

        assertThat(exits).hasValue(0);
    }

    @Test
    void anOutOfMemoryErrorEndingAThreadEndsTheProcess() {
        List<Throwable> handedOn = new ArrayList<>();
        Thread.UncaughtExceptionHandler handler = guard.uncaughtHandler((t, e) -> handedOn.add(e));

        handler.uncaughtException(new Thread("worker-1"), new OutOfMemoryError("Java heap space"));

        assertThat(exits).hasValue(1);
        assertThat(said()).contains("lanchat: FATAL: out of memory in thread worker-1 (Java heap space)");
        assertThat(handedOn).isEmpty();
    }

    @Test
    void otherUncaughtErrorsAreHandedOn() {
        List<Throwable> handedOn = new ArrayList<>();
        Thread.UncaughtExceptionHandler handler = guard.uncaughtHandler((t, e) -> handedOn.add(e));
        IllegalStateException bug = new IllegalStateException("bug");

        handler.uncaughtException(new Thread("worker-1"), bug);

        assertThat(exits).hasValue(0);
        assertThat(handedOn).containsExactly(bug);
    }
}
