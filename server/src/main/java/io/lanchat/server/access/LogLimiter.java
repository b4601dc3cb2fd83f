package io.lanchat.server.access;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps log lines about things clients do (bad frames, refused upgrades) at a number per second, server-wide, so
 * a flood of hostile input cannot flood the log too. Lines beyond the cap are counted, and the count is logged
 * once, before the next line that is let through. Lock-free: it is called on the event loops.
 */
public final class LogLimiter {
    private static final Logger log = LoggerFactory.getLogger(LogLimiter.class);
    private static final long SECOND = 1_000_000_000L;

    /** The one limiter for every client-caused log line. */
    public static final LogLimiter CLIENT_EVENTS = new LogLimiter(20, System::nanoTime);

    private final int linesPerSecond;
    private final LongSupplier nanoClock;
    private final AtomicLong window;
    private final AtomicLong usedInWindow = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();

    LogLimiter(int linesPerSecond, LongSupplier nanoClock) {
        this.linesPerSecond = linesPerSecond;
        this.nanoClock = nanoClock;
        this.window = new AtomicLong(Math.floorDiv(nanoClock.getAsLong(), SECOND));
    }

    /**
     * Whether one more line may be written now.
     *
     * @return -1 if not; otherwise how many lines were suppressed since the last one let through (usually 0)
     */
    long admit() {
        long now = Math.floorDiv(nanoClock.getAsLong(), SECOND);
        long current = window.get();
        if (now != current && window.compareAndSet(current, now)) {
            usedInWindow.set(0);
        }
        if (usedInWindow.incrementAndGet() > linesPerSecond) {
            suppressed.incrementAndGet();
            return -1;
        }
        return suppressed.getAndSet(0);
    }

    /** Logs at INFO, without a stack trace, unless this second's allowance is used up. */
    public void info(Logger target, String format, Object... args) {
        long skipped = admit();
        if (skipped > 0) {
            log.info("{} log lines about client errors were suppressed (more than {} a second)", skipped,
                    linesPerSecond);
        }
        if (skipped >= 0) {
            target.info(format, args);
        }
    }

    /** Logs at WARN (the last argument may be a Throwable, for its stack trace), within the same allowance. */
    public void warn(Logger target, String format, Object... args) {
        long skipped = admit();
        if (skipped > 0) {
            log.info("{} log lines about client errors were suppressed (more than {} a second)", skipped,
                    linesPerSecond);
        }
        if (skipped >= 0) {
            target.warn(format, args);
        }
    }
}
