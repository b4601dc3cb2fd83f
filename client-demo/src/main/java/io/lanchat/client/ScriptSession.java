package io.lanchat.client;

import io.lanchat.protocol.AvailabilityChanged;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.ProtocolVersion;
import io.lanchat.protocol.ReplyCancelled;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ReplyPhase;
import io.lanchat.protocol.ResumeRequest;
import io.lanchat.protocol.Resumed;
import io.lanchat.protocol.RetryRequest;
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
 * <p>When the connection drops mid-reply, it reconnects and resumes the session (see {@link Resumption}): the
 * reply goes on from the token where it broke off, or, if it ended meanwhile, comes whole from the history. Only
 * when the server cannot resume (it restarted) is the message sent again, and then a different reply comes back.
 * So each reply is printed only once it is complete: stdout never holds half an answer, which is what a script
 * capturing it needs.
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
    private final Credentials credentials;
    private final Resumption resumption = new Resumption();
    private int requests;

    /**
     * @param messages the messages to send, one per element; blank ones are skipped (the protocol refuses them)
     */
    ScriptSession(ClientOptions options, Iterator<String> messages, PrintStream out, PrintStream err) {
        this.options = options;
        this.messages = messages;
        this.out = out;
        this.err = err;
        this.credentials = Credentials.load(options, this::say);
        this.connection = new ChatConnection(options.url(), credentials,
                new Backoff(FIRST_RETRY, MAX_RETRY, options.connectAttempts()), events::add,
                ChatConnection.HEARTBEAT);
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
            if (status == ExitCode.OK && options.conversation() != null) {
                status = new ScriptOpening(events, connection, resumption, this::awaitConnection, this::say,
                        () -> "o" + ++requests).open(options.conversation(), options.verbose(),
                        credentials.accessToken() == null ? "owner key" : "user");
            }
            while (status == ExitCode.OK && message != null) {
                status = ask(message);
                message = status == ExitCode.OK ? nextMessage() : null;
            }
            if (options.verbose() && resumption.conversationId() != null) {
                // How a script learns which conversation it made, to continue it in a later run.
                say("conversation " + resumption.conversationId() + " (continue it with --conversation "
                        + resumption.conversationId() + ").");
            }
            return status;
        } finally {
            connection.close();
        }
    }

    /** Sends one message and waits for its reply, following it across reconnects. */
    private ExitCode ask(String text) throws InterruptedException {
        StringBuilder reply = new StringBuilder();
        String id = send(text, false);
        while (true) {
            ConnectionEvent event = events.take();
            if (event instanceof ConnectionEvent.Lost lost) {
                say("connection lost (" + lost.reason() + "); reconnecting to pick up the reply.");
                ExitCode status = awaitConnection();
                if (status != ExitCode.OK) {
                    return status;
                }
                if (!resumption.resuming()) {
                    say("reconnected. The server cannot resume conversations: it started a new session, earlier"
                            + " messages are forgotten; sending the message again.");
                    reply.setLength(0);
                    id = send(text, false);
                }
                continue;
            }
            if (event instanceof ConnectionEvent.TakenOver takenOver) {
                say("another client resumed this conversation (" + takenOver.reason() + "); leaving it to that"
                        + " client.");
                return ExitCode.REPLY_FAILED;
            }
            if (event instanceof ConnectionEvent.Notice notice) {
                say(notice.text());
            }
            if (!(event instanceof ConnectionEvent.Received received)) {
                continue;
            }
            ServerMessage frame = received.frame();
            if (frame instanceof Resumed resumed && resumption.answersResume(resumed.id())) {
                resumption.resumed(resumed);
                switch (Resumption.fateOf(text, resumed)) {
                    case STREAMING -> {
                        say("reconnected and resumed the conversation; the reply goes on.");
                        if (resumed.reply().nextSeq() == 0) {
                            reply.setLength(0);     // it comes again from its first token
                        }
                    }
                    case ANSWERED -> {
                        say("reconnected and resumed the conversation; the reply was finished meanwhile.");
                        HistoryMessage answer = Resumption.answer(resumed);
                        if (answer.cancelled()) {
                            say("the reply was stopped: the connection was down for too long.");
                            return ExitCode.REPLY_FAILED;
                        }
                        return print(answer.content());
                    }
                    case KEPT_FOR_RETRY -> {
                        say("reconnected and resumed the conversation, but the reply failed meanwhile; retrying.");
                        reply.setLength(0);
                        id = send(text, true);
                    }
                    case NEVER_ARRIVED -> {
                        say("reconnected and resumed the conversation; the message had not reached the server,"
                                + " sending it again.");
                        reply.setLength(0);
                        id = send(text, false);
                    }
                }
            } else if (frame instanceof ErrorMessage error && resumption.answersResume(error.id())) {
                // resume_failed: the session expired or the server restarted (or an old server: unknown_type).
                resumption.failed();
                say("reconnected, but the conversation could not be resumed [" + error.code().wireName() + "]: the"
                        + " server started a new session, earlier messages are forgotten; sending the message again.");
                reply.setLength(0);
                id = send(text, false);
            } else if (frame instanceof ReplyPhase phase && id.equals(phase.id())) {
                String description = PhaseText.describe(phase);
                if (options.verbose() && description != null) {
                    say(description);
                }
            } else if (frame instanceof TokenDelta token && resumption.accept(token)) {
                reply.append(token.text());
            } else if (frame instanceof ReplyDone done && id.equals(done.id())) {
                resumption.unwatch();
                return print(reply.toString());
            } else if (frame instanceof ErrorMessage error && error.code() == ErrorCode.NOT_SAVED) {
                say("warning: " + error.message() + " [not_saved]; the conversation goes on.");
            } else if (frame instanceof ErrorMessage error && id.equals(error.id())
                    && error.code() == ErrorCode.SERVER_SHUTTING_DOWN) {
                // The server stops and closes; the message goes again once it is back (or exit 2 if it is not).
                say(error.message() + " [" + error.code().wireName() + "]; waiting for the server to come back.");
                reply.setLength(0);
            } else if (frame instanceof ErrorMessage error && id.equals(error.id())) {
                resumption.unwatch();
                say(error.message() + " [" + error.code().wireName() + "]");
                return ExitCode.forError(error.code());
            } else if (frame instanceof ReplyCancelled cancelled && id.equals(cancelled.id())) {
                resumption.unwatch();
                say("the reply was cancelled.");
                return ExitCode.REPLY_FAILED;
            } else if (frame instanceof AvailabilityChanged change) {
                say((change.ollama().available() ? "Ollama is available: " : "Ollama is unavailable: ")
                        + change.ollama().reason());
            }
        }
    }

    /** Sends a chat (or a retry of the message the server kept) and returns its id; its reply is watched. */
    private String send(String text, boolean retry) {
        String id = (retry ? "r" : "c") + ++requests;
        // If the send fails, the connection is down and a Lost event is queued: ask() handles it.
        connection.send(retry ? new RetryRequest(id, options.model()) : new ChatRequest(id, text, options.model(),
                null));
        resumption.watch(id);
        return id;
    }

    private ExitCode print(String reply) {
        out.println(reply);
        out.flush();
        return ExitCode.OK;
    }

    /** Waits for the connection (or a reconnection): OK once the server said hello. */
    private ExitCode awaitConnection() throws InterruptedException {
        while (true) {
            ConnectionEvent event = events.take();
            if (event instanceof ConnectionEvent.Connected connected) {
                Credentials.Adopted key = credentials.adopt(connected.hello());
                if (key != null && (!key.saved() || options.verbose())) {
                    say(key.message());     // a key saved as it should be is news only when asked for
                }
                int version = connected.hello().protocolVersion();
                if (version != ProtocolVersion.CURRENT) {
                    say("the server speaks protocol version " + version + ", this client version "
                            + ProtocolVersion.CURRENT + "; some things may not work.");
                }
                // After a reconnect, take the earlier session back before anything else; ask() reads the answer.
                ResumeRequest resume = resumption.connected(connected.hello(), "s" + ++requests);
                if (resume != null) {
                    connection.send(resume);
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
