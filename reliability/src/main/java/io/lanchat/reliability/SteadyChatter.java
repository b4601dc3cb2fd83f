package io.lanchat.reliability;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A well-behaved user chatting in parallel with an attack, on its own loopback address: one short chat at a time,
 * each of which must complete (done, exact text) within a bound; counts the ones that did and did not.
 */
final class SteadyChatter {
    final AtomicLong ok = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    private final InetSocketAddress server;
    private final long boundMillis;
    private final long pauseMillis;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String firstFailure;

    SteadyChatter(InetSocketAddress server, long boundMillis, long pauseMillis) {
        this.server = server;
        this.boundMillis = boundMillis;
        this.pauseMillis = pauseMillis;
        this.thread = new Thread(this::loop, "steady-chatter");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        int n = 0;
        while (running) {
            String failure = ChatOnce.chat(server, Loopback.source(0, 0), "steady" + n++, 10, boundMillis);
            if (failure == null) {
                ok.incrementAndGet();
            } else {
                failed.incrementAndGet();
                if (firstFailure == null) {
                    firstFailure = failure;
                }
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    String firstFailure() {
        return firstFailure;
    }

    /** Stops after the chat in progress (waiting for it at most its bound). */
    void stop() throws InterruptedException {
        running = false;
        thread.join(boundMillis + TimeUnit.SECONDS.toMillis(5));
        thread.interrupt();
    }
}
