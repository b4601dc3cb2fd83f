package io.lanchat.client;

import io.lanchat.protocol.CancelRequest;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.OpenRoomRequest;
import io.lanchat.protocol.RoomState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code --join LINK --name NAME}: takes part in a room. The server's frames are shown by {@link RoomView}; each
 * line typed is sent as {@code chat}, {@code /stop} stops the reply being written if this member asked for it,
 * {@code /quit} (or the end of input) leaves. When the connection drops, the member joins again with its name and
 * key, with a growing pause, a few times ({@link #REJOIN}); lines typed meanwhile are kept ({@link RoomOutbox}) and
 * sent once it is back. Lines are read on a daemon thread, so a close by the server ends the session even while
 * the reader is blocked.
 */
final class RoomMember {
    /** 1, 2, 4, 8, 8, 8 s: about half a minute, enough for a server restart or a network hiccup. */
    static final Backoff REJOIN = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), 6);
    private static final Duration JOIN_DEADLINE = Duration.ofSeconds(15);

    private final PrintStream out;
    private final PrintStream err;
    private final RoomView view;
    private final Backoff backoff;
    private final RoomOutbox outbox = new RoomOutbox();
    /** Completed when the member leaves or the server ends its membership for good. */
    private final CompletableFuture<ExitCode> finished = new CompletableFuture<>();
    /** Guards {@link #live} and the order of what is sent: lines kept while away go first. */
    private final Object sending = new Object();
    /** The connection lines go to; null while away. */
    private RoomConnection live;
    private volatile String memberKey;
    private volatile String answers;
    /** Numbers the frames sent, for their ids. */
    private int sent;
    /** Makes this member's ids unlike other clients' (the owner's client routes replies by id). */
    private final String idPrefix = "room-" + Integer.toHexString(ThreadLocalRandom.current().nextInt()) + "-";

    RoomMember(PrintStream out, PrintStream err) {
        this(out, err, REJOIN);
    }

    RoomMember(PrintStream out, PrintStream err, Backoff backoff) {
        this.out = out;
        this.err = err;
        this.view = new RoomView(out, err);
        this.backoff = backoff;
    }

    /** Joins, then shows the room and sends the lines read from {@code input} until either side ends. */
    ExitCode run(URI link, String name, String accessToken, BufferedReader input) throws InterruptedException {
        RoomConnection connection;
        try {
            connection = RoomConnection.open(RoomLink.socketFor(link, name), accessToken, this::onFrame, err);
        } catch (ExecutionException | TimeoutException e) {
            err.println("lanchat-client: cannot join the room: " + Failures.describe(e));
            return ExitCode.SERVER_UNREACHABLE;
        }
        synchronized (sending) {
            live = connection;
        }
        Thread reader = new Thread(() -> read(input), "room-input");
        reader.setDaemon(true);
        reader.start();
        boolean wasIn = false;
        try {
            while (true) {
                CompletableFuture.anyOf(finished, connection.ended()).get();
                if (finished.isDone()) {
                    return finished.get();
                }
                RoomConnection.Ending ending = connection.ended().get();
                wasIn |= connection.joined().isDone();
                ExitCode last = RoomCloses.finalExit(ending.code(), wasIn);
                if (last != null || !wasIn) {
                    err.println(RoomCloses.describe(ending.code(), ending.reason()));
                    return last != null ? last : ExitCode.SERVER_UNREACHABLE;
                }
                synchronized (sending) {
                    live = null;
                }
                view.connectionLost();
                connection = rejoin(link, name, accessToken, ending);
                if (connection == null) {
                    return finished.getNow(ExitCode.SERVER_UNREACHABLE);
                }
            }
        } catch (ExecutionException e) {
            return ExitCode.REPLY_FAILED;
        } finally {
            finished.complete(ExitCode.OK);         // stops the reader taking more lines
            synchronized (sending) {
                if (live != null) {
                    live.close();
                }
            }
        }
    }

    private void onFrame(io.lanchat.protocol.ServerMessage frame) {
        if (frame instanceof RoomState state) {
            if (state.memberKey() != null) {
                memberKey = state.memberKey();
            }
            answers = state.answers();
        }
        view.show(frame);
    }

    /**
     * Joins again after a drop, pausing longer after each failure; sends the lines kept meanwhile. Null when it
     * gave up, the server refused for good ({@link #finished} then says how), or the member left meanwhile.
     */
    private RoomConnection rejoin(URI link, String name, String accessToken, RoomConnection.Ending why)
            throws InterruptedException {
        String reason = why.code() == RoomConnection.Ending.FAILED ? why.reason() : why.code() + " " + why.reason();
        for (int attempt = 1; attempt <= backoff.maxAttempts(); attempt++) {
            Duration pause = backoff.delayAfter(attempt);
            err.println(attempt == 1
                    ? "* Connection lost (" + reason + "); joining again in " + seconds(pause) + "…"
                    : "* Still cannot join (" + reason + "); trying again in " + seconds(pause) + "… (attempt "
                            + attempt + " of " + backoff.maxAttempts() + ")");
            if (left(pause)) {
                return null;
            }
            RoomConnection connection = null;
            try {
                connection = RoomConnection.open(RoomLink.socketFor(link, name, memberKey), accessToken,
                        this::onFrame, err);
                CompletableFuture.anyOf(connection.joined(), connection.ended())
                        .get(JOIN_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                reason = Failures.describe(e);
                if (connection != null) {
                    connection.abort();
                }
                continue;
            }
            if (connection.joined().isDone()) {
                back(connection);
                return connection;
            }
            RoomConnection.Ending ending = connection.ended().join();
            ExitCode last = RoomCloses.finalExit(ending.code(), true);
            if (last != null) {
                err.println(RoomCloses.describe(ending.code(), ending.reason()));
                finished.complete(last);
                return null;
            }
            reason = ending.code() == RoomConnection.Ending.FAILED ? ending.reason()
                    : ending.code() + " " + ending.reason();
        }
        int lost = outbox.size();
        err.println("* Cannot join the room again (" + reason + "); giving up."
                + (lost == 0 ? "" : " " + lost + " message" + (lost == 1 ? "" : "s") + " typed meanwhile not sent."));
        return null;
    }

    /** Waits out a pause; true when the member left meanwhile. */
    private boolean left(Duration pause) throws InterruptedException {
        try {
            finished.get(pause.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    /** In the room again: the lines kept while away go first, then new ones go straight through. */
    private void back(RoomConnection connection) {
        synchronized (sending) {
            List<String> kept = outbox.drain();
            int n = 0;
            while (n < kept.size() && connection.send(new ChatRequest(idPrefix + ++sent, kept.get(n)))) {
                n++;
            }
            if (n < kept.size()) {
                outbox.putBack(kept.subList(n, kept.size()));   // dropped again: they wait for the next rejoin
            }
            if (n > 0) {
                err.println("* Sent " + (n == 1 ? "the message" : "the " + n + " messages")
                        + " you typed while away.");
            }
            live = connection;
        }
    }

    private static String seconds(Duration pause) {
        long s = Math.max(1, Math.round(pause.toMillis() / 1000.0));
        return s + " s";
    }

    private void read(BufferedReader input) {
        try {
            for (String line = input.readLine(); line != null && !finished.isDone(); line = input.readLine()) {
                if (!typed(line.strip())) {
                    break;
                }
            }
        } catch (IOException e) {
            err.println("lanchat-client: cannot read input: " + e.getMessage());
        }
        finished.complete(ExitCode.OK);
    }

    /** Acts on one typed line; false to leave. */
    private boolean typed(String line) {
        if (line.isEmpty()) {
            return true;
        }
        switch (line) {
            case "/quit" -> {
                return false;
            }
            case "/stop" -> stop();
            case "/help" -> out.println("Type a message to send it to the room; /stop stops the reply to your"
                    + " message; /quit leaves. Start a message with // to send a text that begins with /."
                    + (OpenRoomRequest.MENTIONED.equals(answers)
                            ? " The model answers only messages that mention @model." : ""));
            default -> {
                if (line.startsWith("/") && !line.startsWith("//")) {
                    err.println("* Unknown command " + line.split("\\s", 2)[0] + "; /help lists the commands.");
                } else {
                    say(line.startsWith("//") ? line.substring(1) : line);
                }
            }
        }
        return true;
    }

    // The server stops the reply being written if this member asked for it, else answers forbidden.
    private void stop() {
        synchronized (sending) {
            if (live == null || !live.send(new CancelRequest(idPrefix + ++sent))) {
                err.println("* Not in the room right now: /stop was not sent.");
            }
        }
    }

    private void say(String text) {
        synchronized (sending) {
            if (live != null && live.send(new ChatRequest(idPrefix + ++sent, text))) {
                return;
            }
            if (outbox.keep(text)) {
                err.println("* Not in the room right now: your message is kept and sent when you are back ("
                        + outbox.size() + " waiting).");
            } else {
                err.println("* Not in the room right now, and " + RoomOutbox.CAPACITY
                        + " messages are waiting already: this one was not kept.");
            }
        }
    }
}
