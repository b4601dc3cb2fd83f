package io.lanchat.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sun.misc.Signal;

/** Ctrl-C reaches the callback instead of ending the JVM (on JDKs where sun.misc.Signal is available). */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
final class CtrlCTest {

    @Test
    void aRaisedSigintRunsTheActionAndTheJvmLivesOn() throws InterruptedException {
        CountDownLatch pressed = new CountDownLatch(2);
        Optional<Runnable> restore = CtrlC.route(pressed::countDown);
        assumeTrue(restore.isPresent(), "Ctrl-C cannot be caught on this JVM");
        try {
            // Only raised while our handler is installed: with the default one this would end the test JVM.
            Signal.raise(new Signal("INT"));
            Signal.raise(new Signal("INT"));

            assertThat(pressed.await(5, TimeUnit.SECONDS)).as("both presses reached the action").isTrue();
        } finally {
            restore.get().run();
        }
    }
}
