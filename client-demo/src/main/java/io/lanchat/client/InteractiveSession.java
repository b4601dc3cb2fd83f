package io.lanchat.client;

import io.lanchat.protocol.ConversationOpened;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.HistoryCleared;
import io.lanchat.protocol.ServerMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The interactive chat: lines typed by the user, Ctrl-C presses and connection events all become tasks on one
 * queue, run one at a time by {@link #run()}, so the session's state needs no locks. This class routes them: the
 * messages typed to {@link MessageFlow}, commands to {@link ModelCommands}, {@link ConversationCommands} and
 * {@link VersionCommands}, the
 * connection's comings and goings to {@link ConnectionLifecycle}, and each frame to whichever part it answers.
 *
 * <p>Messages wait in an outbox until the connection is up and no reply is being written, so a line typed
 * while reconnecting (or while a reply streams) is sent later rather than lost or refused. After a reconnect the
 * session is resumed first (see {@link Resumption}): a reply that was being written goes on where it broke off.
 */
final class InteractiveSession {
    static final Backoff RECONNECT = Backoff.forever(Duration.ofMillis(250), Duration.ofSeconds(5));

    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final ClientOptions options;
    private final ConsoleRenderer ui;
    private final ChatConnection connection;
    private final SessionLink link;
    private final ModelCommands models;
    private final ThinkCommand think;
    private final AttachCommand attach;
    private final ConversationCommands commands;
    private final VersionCommands versions;
    private final ShareCommands shares;
    private final RoomCommands rooms;
    private final ConversationAnswers answers;
    private final MessageFlow flow;
    private final ConnectionLifecycle lifecycle;

    // Touched only by the thread in run().
    private boolean quit;
    private ExitCode exit = ExitCode.OK;

    InteractiveSession(ClientOptions options, PrintStream out, PrintStream err) {
        this(options, out, err, ChatConnection.HEARTBEAT);
    }

    /** With a given heartbeat interval, so tests notice a silently dead connection sooner. */
    InteractiveSession(ClientOptions options, PrintStream out, PrintStream err, Duration heartbeat) {
        this.options = options;
        // Dimmed reasoning only where a terminal shows it (and NO_COLOR, the common convention, is not set).
        this.ui = new ConsoleRenderer(out, err, out == System.out && System.console() != null
                && System.getenv("NO_COLOR") == null);
        Credentials credentials = Credentials.load(options, ui::notice);
        this.connection = new ChatConnection(options.url(), credentials, RECONNECT,
                event -> tasks.add(() -> on(event)), heartbeat);
        this.link = new SessionLink(connection);
        Turns turns = new Turns();
        Resumption resumption = new Resumption();
        ConversationView view = new ConversationView(ui, Clock.systemDefaultZone());
        ConversationRequests requests = new ConversationRequests(ui, link, resumption::conversationId);
        this.models = new ModelCommands(ui, link, options.model());
        this.commands = new ConversationCommands(ui, view, requests, credentials);
        this.answers = new ConversationAnswers(ui, view, requests);
        this.think = new ThinkCommand(ui, models);
        this.flow = new MessageFlow(ui, link, turns, resumption, models, think, requests::switching);
        this.attach = new AttachCommand(ui, options.url(), credentials);
        flow.attachWith(attach);
        this.versions = new VersionCommands(ui, link, turns, resumption);
        this.shares = new ShareCommands(ui, link, resumption::conversationId, options.url());
        this.rooms = new RoomCommands(ui, link, resumption::conversationId, options.url());
        this.lifecycle = new ConnectionLifecycle(ui, options.url(), credentials, link, turns, resumption, models,
                flow);
    }

    /** Runs the chat until /quit, end of input or Ctrl-C at the prompt; returns the exit status. */
    ExitCode run() throws InterruptedException {
        ui.info("Connecting to " + options.url() + " ...");
        connection.open();
        try {
            while (!quit) {
                tasks.take().run();
                if (!quit && !flow.replying() && !link.awaitingAnswer()) {
                    ui.prompt();
                }
            }
        } finally {
            connection.close();
        }
        return exit;
    }

    /** A line the user typed (thread-safe). */
    void type(String line) {
        tasks.add(() -> onLine(line));
    }

    /** Ctrl-C: stops the reply being written, or quits at the prompt (thread-safe). */
    void interrupt() {
        tasks.add(() -> quit |= !flow.interrupt());
    }

    /** The input ended (Ctrl-D): quit (thread-safe). */
    void endOfInput() {
        tasks.add(() -> quit = true);
    }

    /** Feeds lines from the reader to this session on a daemon thread, so a blocked read never holds up exit. */
    void readFrom(BufferedReader input) {
        Thread reader = new Thread(() -> {
            try {
                for (String line = input.readLine(); line != null; line = input.readLine()) {
                    type(line);
                }
            } catch (IOException e) {
                tasks.add(() -> ui.notice("cannot read the terminal: " + e.getMessage()));
            }
            endOfInput();
        }, "console-input");
        reader.setDaemon(true);
        reader.start();
    }

    private void onLine(String line) {
        ui.inputTaken();
        if (commands.confirming()) {
            commands.answer(line);
        } else if (line.startsWith("//")) {
            flow.submit(new Turns.Turn(line.substring(1), false));
        } else if (line.startsWith("/")) {
            command(line.strip());
        } else if (!line.isBlank()) {
            flow.submit(new Turns.Turn(line, false));
        }
    }

    private void command(String line) {
        int space = line.indexOf(' ');
        String name = (space < 0 ? line : line.substring(0, space)).toLowerCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1).strip();
        switch (name) {
            case "/help", "/?" -> ui.help();
            case "/quit", "/exit" -> quit = true;
            case "/reset" -> flow.reset();
            case "/retry" -> flow.retry();
            case "/history" -> {
                if (flow.replying()) {
                    ui.info("A reply is being written: /history shows the conversation once it is done.");
                } else {
                    commands.run(name, argument);
                }
            }
            default -> {
                if (!models.run(name, argument) && !think.run(name, argument) && !attach.run(name, argument)
                        && !commands.run(name, argument) && !versions.run(name, argument)
                        && !shares.run(name, argument) && !rooms.run(name, argument)) {
                    ui.info("Unknown command " + name + "; /help lists the commands.");
                }
            }
        }
    }

    private void on(ConnectionEvent event) {
        if (event instanceof ConnectionEvent.Connected c) {
            lifecycle.connected(c.hello(), c.reconnected());
        } else if (event instanceof ConnectionEvent.Received r) {
            onFrame(r.frame());
        } else if (event instanceof ConnectionEvent.Lost lost) {
            lifecycle.lost(lost.reason());
        } else if (event instanceof ConnectionEvent.Retrying r) {
            ui.retrying(r);
        } else if (event instanceof ConnectionEvent.TakenOver t) {
            ui.takenOver(t.reason());
            exit = ExitCode.REPLY_FAILED;
            quit = true;
        } else if (event instanceof ConnectionEvent.GaveUp g) {
            ui.notice("giving up after " + g.attempts() + " attempts: " + g.reason());
            quit = true;
        } else if (event instanceof ConnectionEvent.Notice n) {
            ui.notice(n.text());
        }
    }

    private void onFrame(ServerMessage frame) {
        // A pull's errors are counted in its report; the prompt waits until the pull is over.
        if (!(frame instanceof ErrorMessage error && models.pullFailed(error))) {
            link.answered(frame);
        }
        if (frame instanceof ErrorMessage error && (answers.onError(error) || shares.onError(error)
                || rooms.onError(error))) {
            return;
        }
        if (frame instanceof ErrorMessage error && error.code() == ErrorCode.NOT_SAVED) {
            ui.notSaved(error.message());     // a warning, even when it names the chat in flight: the reply goes on
        } else if (frame instanceof ConversationOpened opened) {
            flow.leaving();
            answers.opened(opened);
            flow.opened(opened);
        } else if (answers.onFrame(frame) || shares.onFrame(frame) || rooms.onFrame(frame) || lifecycle.onFrame(frame)
                || flow.onFrame(frame) || versions.onFrame(frame) || models.onFrame(frame, flow.somethingToRetry())) {
            return;
        } else if (frame instanceof HistoryCleared cleared) {
            String words = answers.cleared(cleared);       // before the switch: it names the conversation left
            flow.cleared(cleared);
            ui.info(words);
        } else if (frame instanceof ErrorMessage error) {
            flow.onError(error);
        }
        // Pong, and answers to requests no longer in flight, need nothing.
    }
}
