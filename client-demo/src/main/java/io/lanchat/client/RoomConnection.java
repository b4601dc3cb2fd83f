package io.lanchat.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lanchat.protocol.ClientMessage;
import io.lanchat.protocol.ProtocolJson;
import io.lanchat.protocol.RoomState;
import io.lanchat.protocol.ServerMessage;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One WebSocket connection of a room's member: hands each frame to a consumer, tells when the member is in the
 * room (its first {@code room_state}) and how the connection ended. {@link RoomMember} makes a new one to join
 * again after a drop.
 */
final class RoomConnection {
    /** How a connection ended: a close by the server ({@code code} its status), or a failure ({@code code} -1). */
    record Ending(int code, String reason) {
        static final int FAILED = -1;
    }

    private static final Duration CONNECT_DEADLINE = Duration.ofSeconds(15);
    private static final Duration SEND_DEADLINE = Duration.ofSeconds(10);

    private final CompletableFuture<RoomState> joined = new CompletableFuture<>();
    private final CompletableFuture<Ending> ended = new CompletableFuture<>();
    private final Consumer<ServerMessage> frames;
    private final PrintStream err;
    private volatile WebSocket socket;

    private RoomConnection(Consumer<ServerMessage> frames, PrintStream err) {
        this.frames = frames;
        this.err = err;
    }

    /**
     * Opens the connection (the handshake only: {@link #joined()} tells when the room took the member in).
     *
     * @throws ExecutionException when the connection cannot be made; {@link Failures#describe} says why
     */
    static RoomConnection open(URI address, String accessToken, Consumer<ServerMessage> frames, PrintStream err)
            throws ExecutionException, TimeoutException, InterruptedException {
        RoomConnection connection = new RoomConnection(frames, err);
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10));
        if (accessToken != null) {
            builder.header("Authorization", "Bearer " + accessToken);
        }
        connection.socket = builder.buildAsync(address, connection.new Listener())
                .get(CONNECT_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        return connection;
    }

    /** Completes with the first {@code room_state}: the member is in the room. */
    CompletableFuture<RoomState> joined() {
        return joined;
    }

    /** Completes when the connection ends, whoever ended it. */
    CompletableFuture<Ending> ended() {
        return ended;
    }

    /** Sends a frame, waiting up to 10 s; false when it could not be sent (the connection is likely gone). */
    boolean send(ClientMessage message) {
        try {
            socket.sendText(ProtocolJson.writeClient(message), true)
                    .get(SEND_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Leaves: a normal close, then the connection is dropped whether or not the server answered. */
    void close() {
        WebSocket s = socket;
        s.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS)
                .whenComplete((ws, failure) -> s.abort());
    }

    /** Drops a connection given up on, so that nothing more comes from it. */
    void abort() {
        socket.abort();
        ended.complete(new Ending(Ending.FAILED, "given up"));
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last && !ended.isDone()) {
                try {
                    ServerMessage frame = ProtocolJson.readServer(text.toString());
                    frames.accept(frame);
                    if (frame instanceof RoomState state) {
                        joined.complete(state);
                    }
                } catch (JsonProcessingException e) {
                    err.println("lanchat-client: a frame this client cannot read: " + e.getOriginalMessage());
                }
            }
            if (last) {
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            ended.complete(new Ending(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ended.complete(new Ending(Ending.FAILED, Failures.describe(error)));
        }
    }
}
