package io.lanchat.server;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Ends the process with a clear message when the heap runs out, so a supervisor restarts it, instead of leaving
 * a server whose event loops have died or keep failing.
 *
 * <p>Why not simpler: {@code -XX:+ExitOnOutOfMemoryError} is the surest way (the README's command line sets it),
 * but it cannot be switched on from inside the JVM (it is not a manageable flag), and an {@code OutOfMemoryError}
 * thrown in a Netty task or handler is caught and logged by Netty, so no uncaught-exception handler sees it. So:
 * <ul>
 *   <li>an {@code OutOfMemoryError} that does end a thread ends the process;</li>
 *   <li>if the old generation is still {@value #FULL_PERCENT}% full after two full collections in a row (the JVM
 *       runs two before it throws: the second also clears soft references), the heap is exhausted by live data
 *       and the process ends, wherever the errors were caught.</li>
 * </ul>
 * The second works with the collectors that report "end of major GC" (G1, the default, Parallel and Serial).
 */
public final class HeapExhaustionGuard {
    /** The exit code, as the JVM's own {@code -XX:+ExitOnOutOfMemoryError} uses. */
    public static final int EXIT_CODE = 3;
    /**
     * Old generation still this full after a full collection means live data fills the heap. A healthy G1 heap
     * sees no full collections at all; before throwing, G1 runs two. Measured with -Xmx64m: 90-93% after them
     * when allocations of 2 MB failed, less with larger ones (contiguous regions), hence some margin.
     */
    static final int FULL_PERCENT = 80;
    private static final int FULL_COLLECTIONS_IN_A_ROW = 2;
    private static final String ADVICE = "; exiting so a supervisor can restart the server (give it a larger -Xmx or"
            + " lower --max-history-chars or --max-connections)";

    /** Made in advance: when the heap is full, even the message may not be. */
    private static final String FALLBACK = "lanchat: FATAL: out of memory" + ADVICE;

    private final PrintStream err;
    private final Runnable exit;
    private int fullInARow;

    HeapExhaustionGuard(PrintStream err, Runnable exit) {
        this.err = err;
        this.exit = exit;
    }

    /** Installs the guard for this process; its exit is {@code Runtime.halt}: shutdown hooks could hang too. */
    public static void install() {
        HeapExhaustionGuard guard = new HeapExhaustionGuard(System.err, () -> Runtime.getRuntime().halt(EXIT_CODE));
        Thread.setDefaultUncaughtExceptionHandler(guard.uncaughtHandler(Thread.getDefaultUncaughtExceptionHandler()));
        List<String> tenured = tenuredPools();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> guard.collected(notification, tenured),
                        n -> GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType()),
                        null);
            }
        }
    }

    /** Ends the process for an {@code OutOfMemoryError} that ended a thread; hands anything else on. */
    Thread.UncaughtExceptionHandler uncaughtHandler(Thread.UncaughtExceptionHandler previous) {
        return (thread, error) -> {
            if (error instanceof OutOfMemoryError) {
                die("out of memory in thread " + thread.getName() + " (" + error.getMessage() + ")");
            } else if (previous != null) {
                previous.uncaughtException(thread, error);
            } else {
                thread.getThreadGroup().uncaughtException(thread, error);
            }
        };
    }

    /** The heap pools that hold long-lived objects: the only heap pools with a usage threshold. */
    private static List<String> tenuredPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isUsageThresholdSupported())
                .map(MemoryPoolMXBean::getName)
                .toList();
    }

    private void collected(Notification notification, List<String> tenured) {
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        if (info.getGcAction().contains("major")) {
            afterFullCollection(info.getGcCause(), info.getGcInfo().getMemoryUsageAfterGc(), tenured);
        }
    }

    /**
     * Called on the JVM's notification thread after each full collection, one at a time. A collection someone
     * asked for ({@code System.gc()}) says nothing about running out and leaves the count as it is.
     */
    synchronized void afterFullCollection(String cause, Map<String, MemoryUsage> after, List<String> tenured) {
        if (cause.equals("System.gc()")) {
            return;
        }
        for (String pool : tenured) {
            MemoryUsage usage = after.get(pool);
            if (usage != null && usage.getMax() > 0 && usage.getUsed() * 100 >= usage.getMax() * FULL_PERCENT) {
                if (++fullInARow >= FULL_COLLECTIONS_IN_A_ROW) {
                    die("out of memory: " + pool + " still " + usage.getUsed() * 100 / usage.getMax() + "% full ("
                            + usage.getUsed() / (1 << 20) + " of " + usage.getMax() / (1 << 20) + " MiB) after "
                            + fullInARow + " full collections in a row");
                }
                return;
            }
        }
        fullInARow = 0;
    }

    /** Says why, then ends the process; building the message may itself fail, the exit may not. */
    void die(String why) {
        try {
            err.println("lanchat: FATAL: " + why + ADVICE);
            err.flush();
        } catch (Throwable messageFailed) {
            try {
                err.println(FALLBACK);
            } catch (Throwable ignored) {
                // exit anyway
            }
        } finally {
            exit.run();
        }
    }
}
