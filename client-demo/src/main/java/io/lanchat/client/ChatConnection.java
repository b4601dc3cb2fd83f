package io.lanchat.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lanchat.protocol.ClientMessage;
import io.lanchat.protocol.Hello;
import io.lanchat.protocol.ProtocolJson;
import io.lanchat.protocol.ServerMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One logical connection to a LAN Chat server over the JDK's {@link WebSocket}: it connects, reads frames, and
 * when the connection drops it reconnects with {@link Backoff}, reporting everything as {@link ConnectionEvent}s.
 * It does not reconnect when the server closes with 4001: another connection took the session over.
 *
 * <p>While connected it sends a WebSocket ping every heartbeat interval and treats two intervals of silence as a
 * lost connection. A peer that vanished without closing (Wi-Fi gone, laptop asleep) is noticed no other way, and the
 * JDK client itself sometimes misses the end of a connection: when the server sends a close frame and closes TCP
 * while frames are in flight, the socket can sit in CLOSE_WAIT with no callback at all (seen on JDK 17 and 25).
 *
 * <p>Events are delivered on the WebSocket's and the timers' threads, one at a time and in order, so the
 * consumer should only hand them over (e.g. add them to a queue). {@link #send} may be called from any thread.
 */
public final class ChatConnection implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration HELLO_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
    /** The default heartbeat: a dead connection is noticed within about three of these. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(3);
    /** The close code of a connection whose session another connection resumed. */
    public static final int SESSION_TAKEN_OVER = 4001;

    private final URI url;
    private final Credentials credentials;
    private final Backoff backoff;
    private final Consumer<ConnectionEvent> events;
    private final Duration heartbeat;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    // The JDK WebSocket allows one outstanding send at a time; this lock serialises senders.
    private final Object sendLock = new Object();

    // Guarded by `this`.
    private Attempt current;      // the attempt whose socket said hello and is still open, or null
    private boolean everConnected;
    private boolean closed;

    /**
     * @param url     the server's WebSocket endpoint
     * @param backoff how long to wait between attempts and when to give up
     * @param events  receives every event; must not block
     */
    public ChatConnection(URI url, Backoff backoff, Consumer<ConnectionEvent> events) {
        this(url, backoff, events, HEARTBEAT);
    }

    /** As above, with the interval between pings (tests use a short one). */
    public ChatConnection(URI url, Backoff backoff, Consumer<ConnectionEvent> events, Duration heartbeat) {
        this(url, Credentials.none(), backoff, events, heartbeat);
    }

    /**
     * As above, presenting the credentials on every attempt: read afresh each time, because the owner key a
     * server issues in the first hello must go with every later connection.
     */
    ChatConnection(URI url, Credentials credentials, Backoff backoff, Consumer<ConnectionEvent> events,
                   Duration heartbeat) {
        this.url = url;
        this.credentials = credentials;
        this.backoff = backoff;
        this.events = events;
        this.heartbeat = heartbeat;
    }

    /** Starts connecting in the background; {@link ConnectionEvent.Connected} or {@code GaveUp} follows. */
    public void open() {
        attempt(1);
    }

    /**
     * Sends a request if the connection is up.
     *
     * @return true when the frame was handed to an open connection; false when it is down (a {@code Lost} event
     *         has been or will be reported), so the caller can keep the request and send it after reconnecting
     */
    public boolean send(ClientMessage message) {
        Attempt attempt;
        synchronized (this) {
            attempt = current;
        }
        if (attempt == null) {
            return false;
        }
        String json = ProtocolJson.writeClient(message);
        synchronized (sendLock) {
            try {
                attempt.socket.sendText(json, true).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException | TimeoutException e) {
                // A socket that cannot take a frame is as good as gone; abort() reports nothing, so say it here.
                attempt.socket.abort();
                ended(attempt, "sending failed: " + Failures.describe(e));
                return false;
            }
        }
    }

    /** Says goodbye to the server and stops reconnecting; no events follow. */
    @Override
    public void close() {
        Attempt attempt;
        synchronized (this) {
            closed = true;
            attempt = current;
            current = null;
        }
        if (attempt != null) {
            try {
                attempt.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // going away anyway
            }
            attempt.socket.abort();
        }
    }

    private void attempt(int number) {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        Attempt attempt = new Attempt(number);
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT);
        if (credentials.accessToken() != null) {
            builder.header("Authorization", "Bearer " + credentials.accessToken());
        }
        builder.buildAsync(credentials.connectUri(url), attempt)
                .whenComplete((socket, failure) -> {
                    if (failure != null) {
                        ended(attempt, Failures.describe(failure));
                        return;
                    }
                    // A server that accepts the upgrade but never says hello is not a LAN Chat server (or is
                    // stuck); don't wait for it forever.
                    CompletableFuture.delayedExecutor(HELLO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
                        if (attempt.hello == null && !attempt.ended.get()) {
                            socket.abort();
                            ended(attempt, "no hello from the server within " + HELLO_TIMEOUT.toSeconds()
                                    + " s (is this a LAN Chat server?)");
                        }
                    });
                });
    }

    private void greeted(Attempt attempt, Hello hello) {
        boolean reconnected;
        synchronized (this) {
            if (closed) {
                attempt.socket.abort();
                return;
            }
            current = attempt;
            reconnected = everConnected;
            everConnected = true;
        }
        events.accept(new ConnectionEvent.Connected(hello, reconnected));
        scheduleHeartbeat(attempt);
    }

    private void scheduleHeartbeat(Attempt attempt) {
        CompletableFuture.delayedExecutor(heartbeat.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (attempt.ended.get()) {
                return;
            }
            long silentMillis = (System.nanoTime() - attempt.lastHeard) / 1_000_000;
            if (silentMillis > 2 * heartbeat.toMillis()) {
                attempt.socket.abort();
                ended(attempt, "the server stopped answering (nothing heard for " + silentMillis + " ms)");
                return;
            }
            // Control frames may be sent while a text send is outstanding, so no sendLock here.
            attempt.socket.sendPing(ByteBuffer.allocate(0)).whenComplete((socket, failure) -> {
                // IllegalStateException: the previous ping is still being written; the silence check covers that.
                if (failure != null && !(Failures.unwrap(failure) instanceof IllegalStateException)) {
                    attempt.socket.abort();
                    ended(attempt, "the connection broke: " + Failures.describe(failure));
                }
            });
            scheduleHeartbeat(attempt);
        });
    }

    /** The attempt's socket is finished (closed, failed or aborted); each attempt ends once. */
    private void ended(Attempt attempt, String reason) {
        ended(attempt, reason, false);
    }

    private void ended(Attempt attempt, String reason, boolean takenOver) {
        if (!attempt.ended.compareAndSet(false, true)) {
            return;
        }
        boolean wasCurrent;
        synchronized (this) {
            if (closed) {
                return;
            }
            wasCurrent = current == attempt;
            if (wasCurrent) {
                current = null;
            }
        }
        if (wasCurrent && takenOver) {
            events.accept(new ConnectionEvent.TakenOver(reason));
        } else if (wasCurrent) {
            events.accept(new ConnectionEvent.Lost(reason));
            attempt(1);     // at once: most drops are a restart, and the backoff covers the refusals that follow
        } else {
            failed(attempt, reason);
        }
    }

    private void failed(Attempt attempt, String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        if (attempt.number >= backoff.maxAttempts()) {
            events.accept(new ConnectionEvent.GaveUp(attempt.number, reason));
            return;
        }
        Duration delay = backoff.delayAfter(attempt.number);
        events.accept(new ConnectionEvent.Retrying(attempt.number, backoff.maxAttempts(), delay, reason));
        CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> attempt(attempt.number + 1));
    }

    /** One connection attempt and, if it succeeds, that socket's listener until it ends. */
    private final class Attempt implements WebSocket.Listener {
        final int number;
        final AtomicBoolean ended = new AtomicBoolean();
        // onText may deliver one message in several parts (last == false): collect them here.
        private final StringBuilder partial = new StringBuilder();
        volatile WebSocket socket;
        volatile Hello hello;
        volatile long lastHeard = System.nanoTime();   // anything from the server counts as a sign of life

        Attempt(int number) {
            this.number = number;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            lastHeard = System.nanoTime();
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                frame(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            // The protocol has no binary frames; skipping is what the compatibility rules ask for.
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            lastHeard = System.nanoTime();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            lastHeard = System.nanoTime();  // the JDK answers pings itself
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            String why = "the server closed the connection (" + statusCode
                    + (reason == null || reason.isEmpty() ? "" : ": " + reason) + ")";
            ended(this, why, statusCode == SESSION_TAKEN_OVER);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ended(this, Failures.describe(error));
        }

        private void frame(String text) {
            ServerMessage message;
            try {
                message = ProtocolJson.readServer(text);
            } catch (JsonProcessingException e) {
                events.accept(new ConnectionEvent.Notice("skipped an unreadable frame from the server: "
                        + e.getOriginalMessage()));
                return;
            }
            if (message == null) {
                return;     // a frame type this client does not know (a newer server): skip it
            }
            if (hello == null) {
                if (message instanceof Hello first) {
                    hello = first;
                    greeted(this, first);
                } else {
                    events.accept(new ConnectionEvent.Notice("skipped a " + message.getClass().getSimpleName()
                            + " frame that came before hello"));
                }
                return;
            }
            events.accept(new ConnectionEvent.Received(message));
        }
    }
}
