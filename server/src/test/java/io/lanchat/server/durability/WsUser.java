package io.lanchat.server.durability;

import io.lanchat.protocol.ClientMessage;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.Hello;
import io.lanchat.protocol.ProtocolJson;
import io.lanchat.protocol.ReplyPhase;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.TokenDelta;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One person's WebSocket connection (the JDK's client), presenting an owner key. Every frame but tokens and phases
 * is queued for the test; every wait has a deadline. Safe to use from one test thread.
 */
final class WsUser implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<ServerMessage> frames = new LinkedBlockingQueue<>();
    /** The close "code" of a connection this side aborted: no close frame was exchanged. */
    static final int ABORTED_HERE = -2;
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;
    final Hello hello;
    /** The key this connection's conversations belong to: the one presented, or the one the server issued. */
    final String ownerKey;

    private WsUser(int port, String ownerKey) throws Exception {
        String query = ownerKey == null ? "" : "?owner_key=" + ownerKey;
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws" + query), new Listener())
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        hello = next(Hello.class, WAIT);
        this.ownerKey = hello.ownerKey() != null ? hello.ownerKey() : ownerKey;
    }

    /** Connects; {@code ownerKey} null to be given a new one. */
    static WsUser connect(int port, String ownerKey) throws Exception {
        return new WsUser(port, ownerKey);
    }

    void send(ClientMessage message) throws Exception {
        sendRaw(ProtocolJson.writeClient(message));
    }

    void sendRaw(String text) throws Exception {
        socket.sendText(text, true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next queued frame within {@code wait}, or null. */
    /**
     * The next frame other than a broadcast: Ollama's availability and model list go to every connection whenever
     * they change (the monitor may learn a model's capabilities a moment after a client connected), so they are not
     * answers to anything.
     */
    ServerMessage poll(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            ServerMessage frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (!(frame instanceof io.lanchat.protocol.AvailabilityChanged
                    || frame instanceof io.lanchat.protocol.ModelsChanged)) {
                return frame;
            }
        }
    }

    /** The next frame, which must be of {@code type}. */
    <T extends ServerMessage> T next(Class<T> type, Duration wait) throws InterruptedException {
        ServerMessage frame = poll(wait);
        if (!type.isInstance(frame)) {
            throw new AssertionError("expected " + type.getSimpleName() + " within " + wait + ", got " + frame);
        }
        return type.cast(frame);
    }

    /** Skips frames until one matches; a failure names the frames skipped. */
    ServerMessage await(Predicate<ServerMessage> wanted, String what, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        List<ServerMessage> skipped = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            ServerMessage frame = frames.poll(50, TimeUnit.MILLISECONDS);
            if (frame != null && wanted.test(frame)) {
                return frame;
            }
            if (frame != null && skipped.size() < 20) {
                skipped.add(frame);
            }
            if (frame == null && closed.isDone()) {
                break;
            }
        }
        throw new AssertionError("no " + what + " within " + wait + (closed.isDone() ? " (connection closed)" : "")
                + "; skipped " + skipped);
    }

    /** The next frame of {@code type}, skipping others. */
    <T extends ServerMessage> T await(Class<T> type) throws InterruptedException {
        return type.cast(await(type::isInstance, type.getSimpleName(), WAIT));
    }

    /** The answer to request {@code id}: the first frame of {@code type} or an error carrying that id. */
    ServerMessage answer(String id, Class<? extends ServerMessage> type) throws InterruptedException {
        return await(f -> type.isInstance(f) || f instanceof ErrorMessage e && id.equals(e.id()),
                type.getSimpleName() + " or error for " + id, WAIT);
    }

    /** Every frame that arrives within {@code time}. */
    List<ServerMessage> drain(Duration time) throws InterruptedException {
        List<ServerMessage> out = new ArrayList<>();
        long deadline = System.nanoTime() + time.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            ServerMessage frame = frames.poll(left, TimeUnit.NANOSECONDS);
            if (frame != null) {
                out.add(frame);
            }
        }
        return out;
    }

    boolean isClosed() {
        return closed.isDone();
    }

    int awaitCloseCode() throws Exception {
        return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Drops the connection from this side. Marks it closed first: abort() calls no listener, and a thread still
     * sending on it (a {@link Chatter}) must see a connection closed here, not a failure ("Output closed").
     */
    @Override
    public void close() {
        closed.complete(ABORTED_HERE);
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    ServerMessage message = ProtocolJson.readServer(partial.toString());
                    if (!(message instanceof ReplyPhase) && !(message instanceof TokenDelta)) {
                        frames.add(message);
                    }
                } catch (Exception e) {
                    frames.add(new ErrorMessage(null, io.lanchat.protocol.ErrorCode.UNKNOWN,
                            "unreadable frame: " + partial, false));
                } finally {
                    partial.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
