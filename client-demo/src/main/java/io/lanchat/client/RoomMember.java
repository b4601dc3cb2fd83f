package io.lanchat.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lanchat.protocol.CancelRequest;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ClientMessage;
import io.lanchat.protocol.ProtocolJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code --join LINK --name NAME}: takes part in a room. The server's frames are shown by {@link RoomView}; each
 * line typed is sent as {@code chat}, {@code /stop} stops the reply being written if this member asked for it,
 * {@code /quit} (or the end of input) leaves. Lines are read on a daemon thread, so a close by the server ends the
 * session even while the reader is blocked.
 */
final class RoomMember {
    private static final int BAD_NAME = 4400;
    private static final int NAME_TAKEN = 4409;
    private static final int GONE = 4404;
    private static final Duration SEND_DEADLINE = Duration.ofSeconds(10);

    private final PrintStream out;
    private final PrintStream err;
    private final RoomView view;
    private final CompletableFuture<ExitCode> finished = new CompletableFuture<>();
    /** Numbers the frames sent, for their ids. */
    private int sent;
    /** Makes this member's ids unlike other clients' (the owner's client routes replies by id). */
    private final String idPrefix = "room-" + Integer.toHexString(ThreadLocalRandom.current().nextInt()) + "-";

    RoomMember(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        this.view = new RoomView(out, err);
    }

    /** Joins, then shows the room and sends the lines read from {@code input} until either side ends. */
    ExitCode run(URI link, String name, String accessToken, BufferedReader input) throws InterruptedException {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10));
        if (accessToken != null) {
            builder.header("Authorization", "Bearer " + accessToken);
        }
        WebSocket socket;
        try {
            socket = builder.buildAsync(RoomLink.socketFor(link, name), new Listener()).get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            err.println("lanchat-client: cannot join the room: " + Failures.describe(e));
            return ExitCode.SERVER_UNREACHABLE;
        }
        Thread reader = new Thread(() -> read(socket, input), "room-input");
        reader.setDaemon(true);
        reader.start();
        try {
            return finished.get();
        } catch (ExecutionException e) {
            return ExitCode.REPLY_FAILED;
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS)
                    .whenComplete((ws, failure) -> socket.abort());
        }
    }

    private void read(WebSocket socket, BufferedReader input) {
        try {
            for (String line = input.readLine(); line != null && !finished.isDone(); line = input.readLine()) {
                if (!typed(socket, line.strip())) {
                    break;
                }
            }
        } catch (IOException e) {
            err.println("lanchat-client: cannot read input: " + e.getMessage());
        }
        finished.complete(ExitCode.OK);
    }

    /** Acts on one typed line; false to leave. */
    private boolean typed(WebSocket socket, String line) {
        if (line.isEmpty()) {
            return true;
        }
        switch (line) {
            case "/quit" -> {
                return false;
            }
            // The server stops the reply being written if this member asked for it, else answers forbidden.
            case "/stop" -> send(socket, new CancelRequest(idPrefix + ++sent));
            case "/help" -> out.println("Type a message to send it to the room; /stop stops the reply to your"
                    + " message; /quit leaves. Start a message with // to send a text that begins with /.");
            default -> {
                if (line.startsWith("/") && !line.startsWith("//")) {
                    err.println("* Unknown command " + line.split("\\s", 2)[0] + "; /help lists the commands.");
                } else {
                    String text = line.startsWith("//") ? line.substring(1) : line;
                    send(socket, new ChatRequest(idPrefix + ++sent, text));
                }
            }
        }
        return true;
    }

    private void send(WebSocket socket, ClientMessage message) {
        try {
            socket.sendText(ProtocolJson.writeClient(message), true)
                    .get(SEND_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            err.println("lanchat-client: cannot send: " + Failures.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a refusal or an ending close means to the person who joined. */
    static String closeReason(int statusCode, String reason) {
        return switch (statusCode) {
            case BAD_NAME -> "* That name cannot be used in a room (" + reason + "); pick another with --name.";
            case NAME_TAKEN -> "* That name is taken in this room; pick another with --name.";
            case GONE -> "* This invite does not open a room any more: it is unknown, revoked or expired, or its"
                    + " conversation was deleted (" + reason + ").";
            default -> "* The connection closed (" + statusCode + " " + reason + ").";
        };
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private boolean joined;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    view.show(ProtocolJson.readServer(text.toString()));
                    joined = true;
                } catch (JsonProcessingException e) {
                    err.println("lanchat-client: a frame this client cannot read: " + e.getOriginalMessage());
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            err.println(closeReason(statusCode, reason));
            finished.complete(statusCode == BAD_NAME || statusCode == NAME_TAKEN ? ExitCode.USAGE
                    : statusCode == GONE ? (joined ? ExitCode.OK : ExitCode.CONVERSATION_NOT_FOUND)
                    : ExitCode.SERVER_UNREACHABLE);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            err.println("lanchat-client: the connection failed: " + Failures.describe(error));
            finished.complete(ExitCode.SERVER_UNREACHABLE);
        }
    }
}
