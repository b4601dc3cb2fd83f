package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.AvailabilityChanged;
import io.lanchat.protocol.ClientMessage;
import io.lanchat.protocol.Hello;
import io.lanchat.protocol.ModelsChanged;
import io.lanchat.protocol.ProtocolJson;
import io.lanchat.protocol.ReplyPhase;
import io.lanchat.protocol.ServerMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (the JDK's) that queues every server frame for assertions. */
final class TestClient implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<ServerMessage> frames = new LinkedBlockingQueue<>();
    /** Phase frames go here, so tests about other frames need not skip them. */
    private final BlockingQueue<ReplyPhase> phases = new LinkedBlockingQueue<>();
    /** Every frame, phases included, in the order it arrived (for tests about the order of phases). */
    private final List<ServerMessage> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;
    final Hello hello;

    private TestClient(URI uri, String token) throws Exception {
        this(uri, token, true);
    }

    private TestClient(URI uri, String token, boolean greeted) throws Exception {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        socket = builder.buildAsync(uri, new Listener()).get(10, TimeUnit.SECONDS);
        hello = greeted ? next(Hello.class) : null;
    }

    /** Connects as a share link's viewer ({@code /ws?share=TOKEN}): no hello comes, {@code hello} is null. */
    static TestClient viewShare(int port, String shareToken, String accessToken) throws Exception {
        return new TestClient(URI.create("ws://127.0.0.1:" + port + "/ws?share=" + shareToken), accessToken, false);
    }

    /** Joins a room by its invite ({@code /ws?room=TOKEN&name=NAME}): no hello comes, {@code hello} is null. */
    static TestClient joinRoom(int port, String roomToken, String name) throws Exception {
        return joinRoom(port, roomToken, name, null);
    }

    /** Joins a room again as the member with {@code memberKey} (from its {@code room_state}). */
    static TestClient rejoinRoom(int port, String roomToken, String name, String memberKey) throws Exception {
        return new TestClient(URI.create("ws://127.0.0.1:" + port + "/ws?room=" + roomToken + "&name="
                + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8) + "&member=" + memberKey),
                null, false);
    }

    /** As above, presenting an access token (the member's own identity). */
    static TestClient joinRoom(int port, String roomToken, String name, String accessToken) throws Exception {
        return new TestClient(URI.create("ws://127.0.0.1:" + port + "/ws?room=" + roomToken + "&name="
                + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8)), accessToken, false);
    }

    static TestClient connect(int port) throws Exception {
        return connect(port, null);
    }

    /** Connects presenting an owner key: the conversations of that key are this client's. */
    static TestClient connectAsOwner(int port, String ownerKey) throws Exception {
        return new TestClient(URI.create("ws://127.0.0.1:" + port + "/ws?owner_key=" + ownerKey), null);
    }

    /** Connects presenting an access token (the queue tells users apart by their token's user). */
    static TestClient connect(int port, String token) throws Exception {
        return new TestClient(URI.create("ws://127.0.0.1:" + port + "/ws"), token);
    }

    void send(ClientMessage message) throws Exception {
        sendRaw(ProtocolJson.writeClient(message));
    }

    void sendRaw(String text) throws Exception {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    void sendFragments(String... parts) throws Exception {
        for (int i = 0; i < parts.length; i++) {
            socket.sendText(parts[i], i == parts.length - 1).get(10, TimeUnit.SECONDS);
        }
    }

    void sendBinary(byte[] bytes) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).get(10, TimeUnit.SECONDS);
    }

    void sendClose() throws Exception {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
    }

    /** The next phase frame. */
    ReplyPhase nextPhase() throws InterruptedException {
        ReplyPhase phase = phases.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(phase).as("a phase frame within " + WAIT).isNotNull();
        return phase;
    }

    /** Every frame received so far, phases included, in order of arrival. */
    List<ServerMessage> arrivals() {
        return List.copyOf(arrivals);
    }

    /** Phase frames received so far and not yet taken. */
    List<ReplyPhase> drainPhases() {
        List<ReplyPhase> drained = new ArrayList<>();
        phases.drainTo(drained);
        return drained;
    }

    /** The next frame other than a phase frame. */
    ServerMessage next() throws InterruptedException {
        ServerMessage frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(frame).as("a frame within " + WAIT).isNotNull();
        return frame;
    }

    /**
     * The next frame, which must be of this type. Broadcasts (Ollama's availability, the model list) may come
     * between any two frames, as to every client: they are passed over unless one is what is asked for.
     */
    <T extends ServerMessage> T next(Class<T> type) throws InterruptedException {
        ServerMessage frame = next();
        while (isBroadcast(frame) && !type.isInstance(frame)) {
            frame = next();
        }
        assertThat(frame).isInstanceOf(type);
        return type.cast(frame);
    }

    private static boolean isBroadcast(ServerMessage frame) {
        return frame instanceof ModelsChanged || frame instanceof AvailabilityChanged;
    }

    /** Skips frames until one of this type arrives; returns it. A failure lists the frames skipped. */
    <T extends ServerMessage> T awaitFrame(Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<ServerMessage> skipped = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            ServerMessage frame = frames.poll(100, TimeUnit.MILLISECONDS);
            if (type.isInstance(frame)) {
                return type.cast(frame);
            }
            if (frame != null && skipped.size() < 20) {
                skipped.add(frame);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " within " + WAIT + "; skipped " + skipped);
    }

    /** Frames until (and including) the first of type {@code last}. */
    List<ServerMessage> until(Class<? extends ServerMessage> last) throws InterruptedException {
        List<ServerMessage> seen = new ArrayList<>();
        while (true) {
            ServerMessage frame = next();
            seen.add(frame);
            if (last.isInstance(frame)) {
                return seen;
            }
        }
    }

    /** No frame arrives within the given time. */
    void assertQuiet(Duration time) throws InterruptedException {
        assertThat(frames.poll(time.toMillis(), TimeUnit.MILLISECONDS)).isNull();
    }

    int awaitCloseCode() throws Exception {
        return closeCode.get(10, TimeUnit.SECONDS);
    }

    boolean isClosed() {
        return closeCode.isDone();
    }

    @Override
    public void close() {
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
                    arrivals.add(message);
                    if (message instanceof ReplyPhase phase) {
                        phases.add(phase);
                    } else {
                        frames.add(message);
                    }
                } catch (Exception e) {
                    throw new AssertionError("server sent an unreadable frame: " + partial, e);
                } finally {
                    partial.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.completeExceptionally(error);
        }
    }
}
