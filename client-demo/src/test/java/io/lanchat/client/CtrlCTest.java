package io.lanchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sun.misc.Signal;

/** Ctrl-C reaches the callback instead of ending the JVM (on JDKs where sun.misc.Signal is available). */
@Timeout(value = 15, unit = TimeUnit.SECONDS)
final class CtrlCTest {

    @Test
    void aRaisedSigintRunsTheActionAndTheJvmLivesOn() throws InterruptedException {
        Semaphore presses = new Semaphore(0);
        Optional<Runnable> restore = CtrlC.route(presses::release);
        assumeTrue(restore.isPresent(),
                "Ctrl-C cannot be caught here: no sun.misc.Signal, -Xrs, or the test JVM was started with SIGINT ignored");
        try {
            // Only raised while our handler is installed: with the default one this would end the test JVM.
            // One press at a time, so that a failure says which one did not arrive.
            Signal.raise(new Signal("INT"));
            assertThat(presses.tryAcquire(5, TimeUnit.SECONDS)).as("the first press reached the action").isTrue();
            Signal.raise(new Signal("INT"));
            assertThat(presses.tryAcquire(5, TimeUnit.SECONDS)).as("the second press reached the action").isTrue();
        } finally {
            restore.get().run();
        }
    }
}
