package io.lanchat.client;

import io.lanchat.protocol.CancelRequest;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.OpenRoomRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * A room member's typed lines: each is sent as {@code chat} on the connection in use, {@code /stop} as
 * {@code cancel}, {@code /help} is answered, {@code /quit} (or the end of input) leaves. While the member is away
 * (its connection dropped) messages are kept in a {@link RoomOutbox} and go first once it is back. Lines are read
 * on a daemon thread of their own; {@link #attach} and {@link #detach} come from the member's thread.
 */
final class RoomInput {
    private final PrintStream out;
    private final PrintStream err;
    private final Supplier<String> answers;
    private final CompletableFuture<ExitCode> finished;
    private final RoomOutbox outbox = new RoomOutbox();
    /** Guards {@link #live} and {@link #sent}, so lines kept while away go before new ones. */
    private final Object sending = new Object();
    /** The connection lines go to; null while away. */
    private RoomConnection live;
    /** Numbers the frames sent, for their ids. */
    private int sent;
    /** Makes this member's ids unlike other clients' (the owner's client routes replies by id). */
    private final String idPrefix = "room-" + Integer.toHexString(ThreadLocalRandom.current().nextInt()) + "-";

    /**
     * @param answers  the room's rule ({@code every} or {@code mentioned}), as the last {@code room_state} told it
     * @param finished completed with {@link ExitCode#OK} when the member leaves; reading stops once it is done
     */
    RoomInput(PrintStream out, PrintStream err, Supplier<String> answers, CompletableFuture<ExitCode> finished) {
        this.out = out;
        this.err = err;
        this.answers = answers;
        this.finished = finished;
    }

    /** Reads lines from {@code input} on a daemon thread until the member leaves or the input ends. */
    void start(BufferedReader input) {
        Thread reader = new Thread(() -> read(input), "room-input");
        reader.setDaemon(true);
        reader.start();
    }

    /** In the room (again): the lines kept while away go first, then new ones go straight through. */
    void attach(RoomConnection connection) {
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

    /** Away: lines are kept from now on. */
    void detach() {
        synchronized (sending) {
            live = null;
        }
    }

    /** Leaves the room: closes the connection in use, if any. */
    void leave() {
        synchronized (sending) {
            if (live != null) {
                live.close();
                live = null;
            }
        }
    }

    /** How many lines typed while away are waiting. */
    int waiting() {
        return outbox.size();
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
                    + (OpenRoomRequest.MENTIONED.equals(answers.get())
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
