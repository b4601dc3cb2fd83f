package io.lanchat.client;

import io.lanchat.protocol.AvailabilityChanged;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.ProtocolVersion;
import io.lanchat.protocol.ReplyCancelled;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.TokenDelta;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The scriptable mode: sends each message in turn as one conversation, prints each complete reply followed by a
 * newline on stdout, reports problems on stderr, and maps the outcome to an {@link ExitCode}.
 *
 * <p>Each reply is printed only once it is complete. Streaming it would be nicer to watch, but when the connection
 * drops mid-reply the message is sent again and a second, different reply comes back; printing only finished
 * replies keeps stdout free of half answers, which is what a script capturing it needs.
 */
final class ScriptSession {
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration MAX_RETRY = Duration.ofSeconds(4);

    private final BlockingQueue<ConnectionEvent> events = new LinkedBlockingQueue<>();
    private final ClientOptions options;
    private final Iterator<String> messages;
    private final PrintStream out;
    private final PrintStream err;
    private final ChatConnection connection;
    private int requests;

    /**
     * @param messages the messages to send, one per element; blank ones are skipped (the protocol refuses them)
     */
    ScriptSession(ClientOptions options, Iterator<String> messages, PrintStream out, PrintStream err) {
        this.options = options;
        this.messages = messages;
        this.out = out;
        this.err = err;
        this.connection = new ChatConnection(options.url(),
                new Backoff(FIRST_RETRY, MAX_RETRY, options.connectAttempts()), events::add);
    }

    ExitCode run() throws InterruptedException {
        String message = nextMessage();
        if (message == null) {
            say("nothing to send: give --prompt TEXT or pipe messages into standard input, one per line.");
            return ExitCode.OK;
        }
        connection.open();
        try {
            ExitCode status = awaitConnection();
            while (status == ExitCode.OK && message != null) {
                status = ask(message);
                message = status == ExitCode.OK ? nextMessage() : null;
            }
            return status;
        } finally {
            connection.close();
        }
    }

    /** Sends one message and waits for its reply, sending it again after a reconnect. */
    private ExitCode ask(String text) throws InterruptedException {
        while (true) {
            String id = "c" + ++requests;
            StringBuilder reply = new StringBuilder();
            // If the send fails, the connection is down and a Lost event is queued: the loop below handles it.
            connection.send(new ChatRequest(id, text, options.model(), null));
            while (true) {
                ConnectionEvent event = events.take();
                if (event instanceof ConnectionEvent.Lost lost) {
                    say("connection lost (" + lost.reason() + "); reconnecting to send the message again.");
                    ExitCode status = awaitConnection();
                    if (status != ExitCode.OK) {
                        return status;
                    }
                    say("reconnected. The server started a new session: earlier messages are forgotten.");
                    break;
                }
                if (event instanceof ConnectionEvent.Notice notice) {
                    say(notice.text());
                }
                if (!(event instanceof ConnectionEvent.Received received)) {
                    continue;
                }
                ServerMessage frame = received.frame();
                if (frame instanceof TokenDelta token && id.equals(token.id())) {
                    reply.append(token.text());
                } else if (frame instanceof ReplyDone done && id.equals(done.id())) {
                    out.println(reply);
                    out.flush();
                    return ExitCode.OK;
                } else if (frame instanceof ErrorMessage error && id.equals(error.id())) {
                    say(error.message() + " [" + error.code().wireName() + "]");
                    return ExitCode.forError(error.code());
                } else if (frame instanceof ReplyCancelled cancelled && id.equals(cancelled.id())) {
                    say("the reply was cancelled.");
                    return ExitCode.REPLY_FAILED;
                } else if (frame instanceof AvailabilityChanged change) {
                    say((change.ollama().available() ? "Ollama is available: " : "Ollama is unavailable: ")
                            + change.ollama().reason());
                }
            }
        }
    }

    /** Waits for the connection (or a reconnection): OK once the server said hello. */
    private ExitCode awaitConnection() throws InterruptedException {
        while (true) {
            ConnectionEvent event = events.take();
            if (event instanceof ConnectionEvent.Connected connected) {
                int version = connected.hello().protocolVersion();
                if (version != ProtocolVersion.CURRENT) {
                    say("the server speaks protocol version " + version + ", this client version "
                            + ProtocolVersion.CURRENT + "; some things may not work.");
                }
                return ExitCode.OK;
            } else if (event instanceof ConnectionEvent.Retrying retrying) {
                say("cannot connect to " + options.url() + " (" + retrying.reason() + "); attempt "
                        + retrying.attempt() + " of " + retrying.maxAttempts() + " failed, trying again in "
                        + String.format(Locale.ROOT, "%.1f", retrying.delay().toMillis() / 1000.0) + " s.");
            } else if (event instanceof ConnectionEvent.GaveUp gaveUp) {
                say("cannot reach the LAN Chat server at " + options.url() + ": " + gaveUp.reason()
                        + " (gave up after " + gaveUp.attempts() + " attempt" + (gaveUp.attempts() == 1 ? "" : "s")
                        + ").");
                return ExitCode.SERVER_UNREACHABLE;
            } else if (event instanceof ConnectionEvent.Notice notice) {
                say(notice.text());
            }
        }
    }

    private String nextMessage() {
        while (messages.hasNext()) {
            String message = messages.next();
            if (!message.isBlank()) {
                return message;
            }
        }
        return null;
    }

    private void say(String text) {
        err.println("lanchat-client: " + text);
        err.flush();
    }
}
