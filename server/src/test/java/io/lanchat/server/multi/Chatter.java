package io.lanchat.server.multi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** One owner chatting in a loop on its own thread, so a backup is taken while the server writes. */
final class Chatter implements AutoCloseable {
    private static final int MOST_CHATS = 10;          // well inside the per-client rate limit

    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger finished = new AtomicInteger();
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    final String conversationId;

    private Chatter(Client client) {
        this.conversationId = client.hello.sessionId();
        Thread thread = new Thread(() -> run(client), "chatter");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts chatting on {@code port} as {@code ownerKey}; returns once the first reply has ended. */
    static Chatter start(int port, String ownerKey) throws Exception {
        Chatter chatter = new Chatter(Client.connect(port, ownerKey));
        long deadline = System.nanoTime() + Client.WAIT.toNanos();
        while (chatter.finished.get() == 0 && !chatter.done.isDone()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the first chat did not end within " + Client.WAIT);
            }
            Thread.sleep(10);
        }
        return chatter;
    }

    /** Stops after the chat under way; how many chats ended. */
    int stop() throws Exception {
        stop.set(true);
        done.get(Client.WAIT.toSeconds() * 2, TimeUnit.SECONDS);
        return finished.get();
    }

    @Override
    public void close() throws Exception {
        stop();
    }

    private void run(Client client) {
        try (client) {
            for (int i = 1; i <= MOST_CHATS && !stop.get(); i++) {
                client.chat("message " + i);
                finished.incrementAndGet();
            }
            done.complete(null);
        } catch (Throwable e) {
            done.completeExceptionally(e);
        }
    }
}
