package io.lanchat.server.browser;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition on the test side (server or stand-in state), where no WebDriverWait applies. */
final class Waits {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Waits() {
    }

    static void until(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + TIMEOUT.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
