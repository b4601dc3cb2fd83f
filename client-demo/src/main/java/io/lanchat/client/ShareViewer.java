package io.lanchat.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.ProtocolJson;
import io.lanchat.protocol.ReplyCancelled;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.SharedMessage;
import io.lanchat.protocol.SharedView;
import io.lanchat.protocol.TokenDelta;
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

/**
 * {@code --view LINK}: shows a conversation someone shared, read-only. A snapshot is printed and the client exits;
 * a live link is followed (each new question, and its reply as it streams) until the link is revoked, the
 * conversation deleted, or the connection lost. The link is the page's ({@code http://host:port/s/TOKEN}); the
 * client connects to {@code ws://host:port/ws?share=TOKEN}.
 */
final class ShareViewer {
    private static final int SHARE_GONE = 4404;

    private final PrintStream out;
    private final PrintStream err;
    private final CompletableFuture<ExitCode> finished = new CompletableFuture<>();
    private boolean live;

    ShareViewer(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The viewer's WebSocket address for a share link's page address. */
    static URI socketFor(URI link) {
        String path = link.getRawPath() == null ? "" : link.getRawPath();
        String fragment = link.getRawFragment();
        String token = path.startsWith("/s/") ? path.substring(3)
                : fragment != null && fragment.startsWith("share=") ? fragment.substring(6) : null;
        if (token == null || token.isEmpty() || link.getRawAuthority() == null) {
            throw new IllegalArgumentException("not a share link (http://host:port/s/TOKEN): " + link);
        }
        String scheme = "https".equalsIgnoreCase(link.getScheme()) || "wss".equalsIgnoreCase(link.getScheme())
                ? "wss" : "ws";
        return URI.create(scheme + "://" + link.getRawAuthority() + "/ws?share=" + token);
    }

    /** Connects, shows, follows; returns when a snapshot is shown or the live link ends. */
    ExitCode run(URI link, String accessToken) throws InterruptedException {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10));
        if (accessToken != null) {
            builder.header("Authorization", "Bearer " + accessToken);
        }
        WebSocket socket;
        try {
            socket = builder.buildAsync(socketFor(link), new Listener()).get(15, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            err.println("lanchat-client: cannot open the link: " + Failures.describe(e));
            return ExitCode.SERVER_UNREACHABLE;
        }
        try {
            return finished.get();
        } catch (ExecutionException e) {
            return ExitCode.REPLY_FAILED;
        } finally {
            socket.abort();
        }
    }

    private void show(ServerMessage frame) {
        if (frame instanceof SharedView view) {
            live = view.live();
            out.println("== " + view.title() + " (shared, read-only" + (live ? ", live" : "") + ") ==");
            for (HistoryMessage m : view.history()) {
                out.println(("user".equals(m.role()) ? "> " : "") + m.attributed());
                out.println();
            }
            if (!live) {
                finished.complete(ExitCode.OK);
            }
        } else if (frame instanceof SharedMessage asked) {
            out.println("> " + asked.message().attributed());
            out.println();
        } else if (frame instanceof TokenDelta token) {
            out.print(token.text());
        } else if (frame instanceof ReplyDone || frame instanceof ReplyCancelled) {
            out.println(frame instanceof ReplyCancelled ? " [stopped]" : "");
            out.println();
        }
        out.flush();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    show(ProtocolJson.readServer(text.toString()));
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
            if (statusCode == SHARE_GONE) {
                err.println("* This link no longer works (" + reason + ").");
                finished.complete(live ? ExitCode.OK : ExitCode.CONVERSATION_NOT_FOUND);
            } else {
                err.println("* The connection closed (" + statusCode + " " + reason + ").");
                finished.complete(ExitCode.SERVER_UNREACHABLE);
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            err.println("lanchat-client: the connection failed: " + Failures.describe(error));
            finished.complete(ExitCode.SERVER_UNREACHABLE);
        }
    }
}
