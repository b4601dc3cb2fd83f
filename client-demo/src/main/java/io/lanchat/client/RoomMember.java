package io.lanchat.client;

import io.lanchat.protocol.RoomState;
import io.lanchat.protocol.ServerMessage;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code --join LINK --name NAME}: takes part in a room. The server's frames are shown by {@link RoomView}, typed
 * lines handled by {@link RoomInput}. When the connection drops, the member joins again with its name and
 * {@code memberKey}, pausing longer after each failure, a few times ({@link #REJOIN}); lines typed meanwhile are
 * sent once it is back. A close by the server that ends the membership ({@link RoomCloses}) ends the session even
 * while the input reader is blocked.
 */
final class RoomMember {
    /** 1, 2, 4, 8, 8, 8 s: about half a minute, enough for a server restart or a network hiccup. */
    static final Backoff REJOIN = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), 6);
    private static final Duration JOIN_DEADLINE = Duration.ofSeconds(15);

    private final PrintStream err;
    private final RoomView view;
    private final Backoff backoff;
    /** Completed when the member leaves or the server ends its membership for good. */
    private final CompletableFuture<ExitCode> finished = new CompletableFuture<>();
    private final RoomInput input;
    private volatile String memberKey;
    private volatile String answers;

    RoomMember(PrintStream out, PrintStream err) {
        this(out, err, REJOIN);
    }

    RoomMember(PrintStream out, PrintStream err, Backoff backoff) {
        this.err = err;
        this.view = new RoomView(out, err);
        this.backoff = backoff;
        this.input = new RoomInput(out, err, () -> answers, finished);
    }

    /** Joins, then shows the room and sends the lines read from {@code lines} until either side ends. */
    ExitCode run(URI link, String name, String accessToken, BufferedReader lines) throws InterruptedException {
        RoomConnection connection;
        try {
            connection = RoomConnection.open(RoomLink.socketFor(link, name), accessToken, this::onFrame, err);
        } catch (ExecutionException | TimeoutException e) {
            err.println("lanchat-client: cannot join the room: " + Failures.describe(e));
            return ExitCode.SERVER_UNREACHABLE;
        }
        input.attach(connection);
        input.start(lines);
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
                input.detach();
                connection.abort();     // frees what the JDK may still hold of it; nothing more comes from it
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
            input.leave();
        }
    }

    private void onFrame(ServerMessage frame) {
        if (frame instanceof RoomState state) {
            if (state.memberKey() != null) {
                memberKey = state.memberKey();
            }
            answers = state.answers();
        }
        view.show(frame);
    }

    /**
     * Joins again after a drop, pausing longer after each failure. Null when it gave up, the server refused for
     * good ({@link #finished} then says how), or the member left meanwhile.
     */
    private RoomConnection rejoin(URI link, String name, String accessToken, RoomConnection.Ending why)
            throws InterruptedException {
        String reason = why(why);
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
                input.attach(connection);
                return connection;
            }
            RoomConnection.Ending ending = connection.ended().join();
            ExitCode last = RoomCloses.finalExit(ending.code(), true);
            if (last != null) {
                err.println(RoomCloses.describe(ending.code(), ending.reason()));
                finished.complete(last);
                return null;
            }
            reason = why(ending);
        }
        int lost = input.waiting();
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

    private static String why(RoomConnection.Ending ending) {
        return switch (ending.code()) {
            case RoomConnection.Ending.FAILED -> ending.reason();
            case 1001 -> "the server is going away";
            case 1006 -> "closed abruptly";
            default -> ending.code() + (ending.reason().isBlank() ? "" : " " + ending.reason());
        };
    }

    private static String seconds(Duration pause) {
        return Math.max(1, Math.round(pause.toMillis() / 1000.0)) + " s";
    }
}
