package io.lanchat.client;

import java.util.Optional;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns Ctrl-C (SIGINT) into a callback instead of the end of the JVM, where the running JDK allows it.
 *
 * <p>Java has no public API for this. {@code sun.misc.Signal} from the {@code jdk.unsupported} module is the
 * usual way (jshell and many CLIs use it); it is present in every mainstream JDK, but a trimmed runtime image may
 * lack it, and {@code -Xrs} forbids it; a process started with SIGINT ignored keeps ignoring it. In those cases
 * {@link #route} reports that it could not, and Ctrl-C keeps its meaning there: the client ends at once, or Ctrl-C
 * does nothing.
 */
final class CtrlC {

    private CtrlC() {
    }

    /**
     * Sends every Ctrl-C to {@code action} (on a JVM signal thread, so the action should only hand it over).
     *
     * @return a handle that restores the previous behaviour, or empty when Ctrl-C cannot be caught here
     */
    static Optional<Runnable> route(Runnable action) {
        try {
            return Optional.of(Installer.install(action));
        } catch (LinkageError | IllegalArgumentException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    // Kept apart so that a runtime without sun.misc fails when this class is first used (inside the try above),
    // not when CtrlC is loaded.
    private static final class Installer {
        static Runnable install(Runnable action) {
            Signal interrupt = new Signal("INT");
            SignalHandler previous = Signal.handle(interrupt, signal -> action.run());
            if (previous == SignalHandler.SIG_IGN) {
                // Started with Ctrl-C ignored (nohup, a background job, some CI runners): the JVM keeps it ignored
                // and installs nothing, so there is nothing to route.
                Signal.handle(interrupt, previous);
                throw new UnsupportedOperationException("SIGINT is ignored in this process");
            }
            return () -> Signal.handle(interrupt, previous);
        }
    }
}
