package io.lanchat.reliability;

import io.lanchat.standin.StandInOllama;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stand-in Ollama in this process, answering every chat with {@link ReplyText}, and optionally "killed"
 * (listener and every open connection closed, as when Ollama dies) and restarted on the same port on a
 * schedule, from a daemon thread.
 */
final class OllamaStandIn implements AutoCloseable {
    static final String MODEL = StandInOllama.DEFAULT_MODEL_A;

    final StandInOllama standIn;
    final AtomicInteger kills = new AtomicInteger();
    private volatile Thread killer;

    OllamaStandIn(Duration tokenDelay, int parallel) {
        standIn = StandInOllama.start();
        standIn.setReply(call -> ReplyText.tokens(call.lastUserContent()));
        standIn.setTokenDelay(tokenDelay);
        standIn.setNumParallel(parallel);
    }

    int port() {
        return standIn.port();
    }

    String url() {
        return standIn.baseUri().toString();
    }

    /** Every {@code every}: kill, stay down for {@code down}, restart; until {@link #close()}. */
    void killEvery(Duration every, Duration down) {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(every.toMillis());
                    standIn.stop();
                    kills.incrementAndGet();
                    System.out.printf("   [%s] Ollama killed (%d)%n", java.time.LocalTime.now().withNano(0),
                            kills.get());
                    Thread.sleep(down.toMillis());
                    standIn.restart();
                }
            } catch (InterruptedException e) {
                // stopping: leave it running
            }
            if (!standIn.isRunning()) {
                standIn.restart();
            }
        }, "ollama-killer");
        t.setDaemon(true);
        t.start();
        killer = t;
    }

    /** Stops the kill schedule, leaving Ollama up. */
    void stopKilling() throws InterruptedException {
        Thread t = killer;
        if (t != null) {
            t.interrupt();
            t.join(10_000);
            killer = null;
        }
    }

    @Override
    public void close() {
        try {
            stopKilling();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        standIn.stop();
    }
}
