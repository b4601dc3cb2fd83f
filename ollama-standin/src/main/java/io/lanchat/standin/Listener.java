package io.lanchat.standin;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One bound incarnation of the stand-in: a JDK {@link HttpServer} plus its handler threads.
 * {@code stop()} and {@code restart()} replace the whole incarnation; state lives in
 * {@link StandInContext}.
 */
final class Listener {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final HttpServer server;
    private final ExecutorService executor;
    private volatile boolean stopping;

    private Listener(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds and starts serving; throws {@link java.net.BindException} when the port is taken. */
    static Listener open(String host, int port, StandInContext ctx) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 128);
        // thread per request: streams block for their whole duration, so a bounded pool would
        // make concurrent requests queue inside the stand-in instead of where Ollama queues them
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            // a roomy stack: the Go-style syntax check recurses once per nesting level (up to 10,000)
            Thread thread = new Thread(null, task, "standin-" + THREADS.incrementAndGet(), 16L << 20);
            thread.setDaemon(true);
            return thread;
        });
        Listener listener = new Listener(server, executor);
        server.createContext("/", new Router(ctx, listener::isStopping));
        server.setExecutor(executor);
        server.start();
        return listener;
    }

    int port() {
        return server.getAddress().getPort();
    }

    boolean isStopping() {
        return stopping;
    }

    /**
     * Kills this incarnation like a killed process: the listening socket and every connection
     * close at once. {@code HttpServer.stop(0)} closes the listener and all connections it knows;
     * interrupting the handler threads then ends stalled, sleeping or slot-waiting handlers (and
     * closes any socket a thread is blocked writing to, since socket channels are interruptible).
     * An interrupted handler throws, and the JDK server drops its connection without a final chunk.
     */
    void stop() {
        stopping = true; // first, so failed writes from here on are not counted as client cancellations
        server.stop(0);
        executor.shutdownNow();
    }
}
