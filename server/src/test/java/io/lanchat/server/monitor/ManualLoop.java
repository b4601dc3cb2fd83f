package io.lanchat.server.monitor;

import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * An event loop that runs only when the test says so, with a clock that moves only when the test moves it: an
 * embedded channel's loop with its time frozen.
 */
public final class ManualLoop {
    private final EmbeddedChannel channel = new EmbeddedChannel();

    public ManualLoop() {
        channel.freezeTime();
    }

    public EventLoop loop() {
        return channel.eventLoop();
    }

    /** Runs every task queued and every timer due, until none is left. */
    public void runTasks() {
        do {
            channel.runPendingTasks();
        } while (channel.hasPendingTasks());
    }

    /** Moves the clock on and runs what became due. */
    public void advance(Duration by) {
        channel.advanceTimeBy(by.toNanos(), TimeUnit.NANOSECONDS);
        runTasks();
    }

    public long nanoTime() {
        return loop().ticker().nanoTime();
    }
}
