package io.lanchat.client;

import io.lanchat.protocol.AvailabilityChanged;
import io.lanchat.protocol.CancelRequest;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ClientMessage;
import io.lanchat.protocol.ConversationDeleted;
import io.lanchat.protocol.ConversationExport;
import io.lanchat.protocol.ConversationList;
import io.lanchat.protocol.ConversationOpened;
import io.lanchat.protocol.ConversationUpdated;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.Hello;
import io.lanchat.protocol.HistoryCleared;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.ListModelsRequest;
import io.lanchat.protocol.ModelInfo;
import io.lanchat.protocol.ModelList;
import io.lanchat.protocol.ModelsChanged;
import io.lanchat.protocol.OllamaStatus;
import io.lanchat.protocol.ProtocolVersion;
import io.lanchat.protocol.PullProgress;
import io.lanchat.protocol.PullRequest;
import io.lanchat.protocol.ReplyCancelled;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ReplyPhase;
import io.lanchat.protocol.ReplyStarted;
import io.lanchat.protocol.ResetRequest;
import io.lanchat.protocol.ResumeRequest;
import io.lanchat.protocol.Resumed;
import io.lanchat.protocol.RetryRequest;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.TokenDelta;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The interactive chat: lines typed by the user, Ctrl-C presses and connection events all become tasks on one
 * queue, run one at a time by {@link #run()}, so the session's state needs no locks.
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
    private final Credentials credentials;
    private final ConversationCommands commands;
    private final Turns turns = new Turns();
    private final Resumption resumption = new Resumption();
    // Requests whose answer will print something (models, reset, pull): the prompt waits for them.
    private final Set<String> awaitingAnswer = new HashSet<>();
    private final Map<String, PullReport> pulls = new HashMap<>();

    // Touched only by the thread in run().
    private Hello hello;
    private OllamaStatus ollama;
    private boolean connected;          // up, and not waiting for the answer to a resume: requests can be sent
    private List<ModelInfo> models = List.of();
    private String model;               // chosen with --model or /model; null means the server's default
    private int requests;
    private boolean quit;
    private ExitCode exit = ExitCode.OK;

    InteractiveSession(ClientOptions options, PrintStream out, PrintStream err) {
        this(options, out, err, ChatConnection.HEARTBEAT);
    }

    /** With a given heartbeat interval, so tests notice a silently dead connection sooner. */
    InteractiveSession(ClientOptions options, PrintStream out, PrintStream err, Duration heartbeat) {
        this.options = options;
        this.ui = new ConsoleRenderer(out, err);
        this.model = options.model();
        this.credentials = Credentials.load(options, ui::notice);
        this.connection = new ChatConnection(options.url(), credentials, RECONNECT,
                event -> tasks.add(() -> on(event)), heartbeat);
        this.commands = new ConversationCommands(ui, new ConversationView(ui, Clock.systemDefaultZone()),
                new ConversationCommands.Session() {
                    @Override
                    public boolean send(ClientMessage request) {
                        return sendAwaitingAnswer(request);
                    }

                    @Override
                    public String nextId(String prefix) {
                        return InteractiveSession.this.nextId(prefix);
                    }

                    @Override
                    public String conversationId() {
                        return resumption.conversationId();
                    }
                }, credentials);
    }

    /** Runs the chat until /quit, end of input or Ctrl-C at the prompt; returns the exit status. */
    ExitCode run() throws InterruptedException {
        ui.info("Connecting to " + options.url() + " ...");
        connection.open();
        try {
            while (!quit) {
                tasks.take().run();
                if (!quit && !turns.replying() && awaitingAnswer.isEmpty()) {
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
        tasks.add(this::onInterrupt);
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
            return;
        }
        if (line.isBlank()) {
            return;
        }
        if (line.startsWith("//")) {
            submit(new Turns.Turn(line.substring(1), false));
        } else if (line.startsWith("/")) {
            command(line.strip());
        } else {
            submit(new Turns.Turn(line, false));
        }
    }

    private void command(String line) {
        int space = line.indexOf(' ');
        String name = (space < 0 ? line : line.substring(0, space)).toLowerCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1).strip();
        switch (name) {
            case "/help", "/?" -> ui.help();
            case "/quit", "/exit" -> quit = true;
            case "/models" -> {
                if (!sendAwaitingAnswer(new ListModelsRequest(nextId("m")))) {
                    ui.info("Not connected; the models the server last reported:");
                    ui.modelList(models, hello == null ? null : hello.defaultModel(), currentModel());
                }
            }
            case "/model" -> chooseModel(argument);
            case "/pull" -> pull(argument);
            case "/reset" -> {
                if (sendAwaitingAnswer(new ResetRequest(nextId("z")))) {
                    turns.cleared();
                } else {
                    ui.info("Not connected; try again when the connection is back.");
                }
            }
            case "/retry" -> {
                if (turns.failedText() == null) {
                    ui.info("Nothing to retry: no message has failed.");
                } else {
                    submit(new Turns.Turn(turns.failedText(), true));
                }
            }
            default -> {
                if (!commands.run(name, argument)) {
                    ui.info("Unknown command " + name + "; /help lists the commands.");
                }
            }
        }
    }

    private boolean sendAwaitingAnswer(ClientMessage request) {
        if (connected && connection.send(request)) {
            awaitingAnswer.add(request.id());
            return true;
        }
        return false;
    }

    private void chooseModel(String name) {
        if (name.isEmpty()) {
            ui.info("In use: " + currentModel() + ".");
            return;
        }
        try {
            model = ClientOptions.checkModel(name);
        } catch (UsageException e) {
            ui.info(e.getMessage());
            return;
        }
        boolean installed = models.stream().anyMatch(m -> m.name().equals(name));
        ui.info("Using " + name + " from now on." + (installed ? ""
                : " (The server did not list it as installed; /models shows the installed ones.)"));
    }

    private void pull(String name) {
        if (name.isEmpty()) {
            ui.info("Usage: /pull NAME, e.g. /pull qwen2.5:0.5b (needs administrator rights on the server).");
            return;
        }
        try {
            ClientOptions.checkModel(name);
        } catch (UsageException e) {
            ui.info(e.getMessage());
            return;
        }
        String id = nextId("p");
        if (!sendAwaitingAnswer(new PullRequest(id, name))) {
            ui.info("Not connected; try again when the connection is back.");
            return;
        }
        int backends = ollama.backendsUp() == null ? 1 : ollama.backendsUp();
        boolean several = ollama.backendsTotal() != null && ollama.backendsTotal() > 1;
        pulls.put(id, new PullReport(name, backends, several));
        ui.info("Pulling " + name + " ...");
    }

    private void submit(Turns.Turn turn) {
        turns.add(turn);
        if (!connected) {
            ui.info(hello == null ? "Not connected yet: your message will be sent once connected."
                    : "Not connected: your message will be sent when the connection is back.");
        } else if (turns.replying()) {
            ui.info("(queued: it will be sent when the current reply ends)");
        }
        sendNext();
    }

    /** Sends the oldest waiting message if the connection is up and no reply is in flight. */
    private void sendNext() {
        // While an open or new awaits its answer, a message typed meanwhile belongs to the conversation coming.
        Turns.Turn turn = connected && !commands.switching() ? turns.next() : null;
        if (turn == null) {
            return;
        }
        // The server keeps a failed message only within its session; after a reconnect, send the text again.
        ClientMessage request;
        String id;
        if (turn.retry() && turns.serverHoldsFailed()) {
            id = nextId("r");
            request = new RetryRequest(id, model);
        } else {
            id = nextId("c");
            request = new ChatRequest(id, turn.text(), model, null);
        }
        if (connection.send(request)) {
            turns.sent(turn, id);
            resumption.watch(id);
        } else {
            turns.putBack(turn);        // the Lost event is on its way; resend after reconnecting
        }
    }

    private void onInterrupt() {
        if (turns.replying() && connected && !turns.cancelSent()) {
            turns.cancelSent(connection.send(new CancelRequest(nextId("x"))));
            ui.info("[stopping the reply; press Ctrl-C again to quit]");
        } else {
            quit = true;
        }
    }

    private void on(ConnectionEvent event) {
        if (event instanceof ConnectionEvent.Connected c) {
            onConnected(c.hello(), c.reconnected());
        } else if (event instanceof ConnectionEvent.Received r) {
            onFrame(r.frame());
        } else if (event instanceof ConnectionEvent.Lost lost) {
            onLost(lost.reason());
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

    private void onConnected(Hello first, boolean reconnected) {
        hello = first;
        models = first.models();
        ollama = first.ollama();
        Credentials.Adopted key = credentials.adopt(first);
        if (key != null) {
            if (key.saved()) {
                ui.info("* " + Character.toUpperCase(key.message().charAt(0)) + key.message().substring(1));
            } else {
                ui.notice(key.message());
            }
        }
        if (first.protocolVersion() != ProtocolVersion.CURRENT) {
            ui.protocolMismatch(first.protocolVersion());
        }
        ResumeRequest resume = resumption.connected(first, nextId("s"));
        if (resume != null) {
            // Take the earlier session back before sending anything else: `connected` waits for the answer.
            connection.send(resume);    // if this fails, a Lost event is on its way
            return;
        }
        connected = true;
        if (reconnected) {
            // A server that cannot resume sessions: the reply in flight is lost, ask for it again.
            onNewSession("this server cannot resume conversations");
        } else {
            ui.welcome(options.url(), first, currentModel());
            sendNext();
        }
    }

    private void onLost(String reason) {
        connected = false;
        awaitingAnswer.clear();     // those answers will never come
        pulls.clear();              // a pull goes on, but its progress went to the lost connection
        ui.notice("connection lost (" + reason + "); reconnecting"
                + (turns.replying() ? " to pick up the reply where it broke off..." : "..."));
    }

    /** The answer to our resume: the session is ours again. What became of the reply we were receiving? */
    private void onResumed(Resumed resumed) {
        resumption.resumed(resumed);
        connected = true;
        if (!turns.replying()) {
            ui.resumed(".");
        } else {
            switch (Resumption.fateOf(turns.inFlightText(), resumed)) {
                case STREAMING -> {
                    ui.resumed("; the reply goes on.");
                    if (resumed.reply().nextSeq() == 0 && turns.anyShown()) {
                        ui.replyStartsOver();
                        turns.restarted();
                    }
                }
                case ANSWERED -> {
                    HistoryMessage answer = Resumption.answer(resumed);
                    ui.resumed("; the reply was finished meanwhile.");
                    ui.finishedWhileAway(turns.unshown(answer.content()), answer.cancelled());
                    turns.succeeded();
                }
                case KEPT_FOR_RETRY -> {
                    ui.resumed(", but the reply failed meanwhile.");
                    ui.failedWhileAway(turns.anyShown());
                    turns.failed(true);
                }
                case NEVER_ARRIVED -> {
                    ui.resumed("; your message had not reached the server, so it is sent again.");
                    turns.lost();
                }
            }
        }
        sendNext();
    }

    /** Reconnected to a new, empty session: what the server had of the conversation is gone. */
    private void onNewSession(String why) {
        turns.newSession();
        boolean resend = turns.lost();
        ui.reconnectedToNewSession(why, ollama, resend, turns.hasWaiting());
        sendNext();
    }

    private void onFrame(ServerMessage frame) {
        answered(frame);
        if (frame instanceof ErrorMessage error && commands.onError(error)) {
            return;
        }
        if (frame instanceof ErrorMessage error && error.code() == ErrorCode.NOT_SAVED) {
            ui.notSaved(error.message());     // a warning, even when it names the chat in flight: the reply goes on
        } else if (frame instanceof ConversationOpened opened) {
            onOpened(opened);
        } else if (commands.onFrame(frame)) {
            return;
        } else if (frame instanceof Resumed resumed && resumption.answersResume(resumed.id())) {
            onResumed(resumed);
        } else if (frame instanceof ErrorMessage error && resumption.answersResume(error.id())) {
            // resume_failed: the session expired or the server restarted (or an old server: unknown_type).
            resumption.failed();
            connected = true;
            onNewSession("the conversation could not be resumed [" + error.code().wireName() + "]");
        } else if (frame instanceof ReplyPhase phase && turns.isInFlight(phase.id())) {
            String text = PhaseText.describe(phase);
            if (text != null) {
                ui.phase(text);
            }
        } else if (frame instanceof ReplyStarted started && turns.isInFlight(started.id())) {
            if (started.trimmedMessages() > 0) {
                ui.trimmed(started.trimmedMessages());
            }
        } else if (frame instanceof TokenDelta token && turns.isInFlight(token.id()) && resumption.accept(token)) {
            ui.token(token.text());
            turns.shown(token.text());
        } else if (frame instanceof ReplyDone done && turns.isInFlight(done.id())) {
            ui.done(done);
            replyEnded();
        } else if (frame instanceof ReplyCancelled cancelled && turns.isInFlight(cancelled.id())) {
            // partialText is the reply's final text; show any part of it that no token frame brought.
            ui.cancelled(turns.unshown(cancelled.partialText()));
            replyEnded();
        } else if (frame instanceof PullProgress progress && pulls.containsKey(progress.id())) {
            String line = pulls.get(progress.id()).line(progress);
            if (line != null) {
                ui.pullProgress(line);
            }
            pullMaybeOver(progress.id());
        } else if (frame instanceof ErrorMessage error) {
            onError(error);
        } else if (frame instanceof AvailabilityChanged change) {
            ollama = change.ollama();
            ui.availability(change.ollama(), change.ollama().available() && turns.failedText() != null);
        } else if (frame instanceof ModelsChanged changed) {
            models = changed.models();
            ui.modelsChanged(models, currentModel());
        } else if (frame instanceof ModelList list) {
            models = list.models();
            ui.modelList(models, list.defaultModel(), currentModel());
        } else if (frame instanceof HistoryCleared cleared) {
            if (cleared.sessionId() != null) {
                resumption.switched(cleared.sessionId(), cleared.resumeSecret(), null);
                turns.newSession();
            }
            ui.info(commands.cleared(cleared));
        }
        // Pong, and answers to requests no longer in flight, need nothing.
    }

    /** The connection switched to another conversation (/open, /new): show it, and follow its live reply. */
    private void onOpened(ConversationOpened opened) {
        if (turns.replying()) {
            ui.info("[the reply goes on in the conversation you left, and is saved there]");
            turns.abandon();
        }
        commands.opened(opened);
        resumption.switched(opened.conversation().id(), opened.resumeSecret(), opened.reply());
        turns.newSession();
        turns.cleared();
        if (opened.reply() != null) {
            turns.follow(opened.pending() == null ? "" : opened.pending(), opened.reply().id());
        } else if (opened.pending() != null) {
            turns.kept(opened.pending());
        }
        sendNext();
    }

    private void replyEnded() {
        turns.succeeded();
        resumption.unwatch();
        sendNext();
    }

    private void onError(ErrorMessage error) {
        if (turns.isInFlight(error.id())) {
            ui.replyFailed(error, turns.anyShown());
            turns.failed(error.retryable());
            resumption.unwatch();
            sendNext();
        } else if (error.code() != ErrorCode.NOTHING_TO_CANCEL) {
            // nothing_to_cancel just means the reply ended before our cancel arrived.
            ui.error(error);
        }
    }

    /** Lets the prompt come back once the request it waits for is answered (a pull: once it is over). */
    private void answered(ServerMessage frame) {
        if (frame instanceof ModelList list) {
            awaitingAnswer.remove(list.id());
        } else if (frame instanceof HistoryCleared cleared) {
            awaitingAnswer.remove(cleared.id());
        } else if (frame instanceof ConversationList list) {
            awaitingAnswer.remove(list.id());
        } else if (frame instanceof ConversationOpened opened) {
            awaitingAnswer.remove(opened.id());
        } else if (frame instanceof ConversationUpdated updated) {
            awaitingAnswer.remove(updated.id());
        } else if (frame instanceof ConversationDeleted deleted) {
            awaitingAnswer.remove(deleted.id());
        } else if (frame instanceof ConversationExport export) {
            awaitingAnswer.remove(export.id());
        } else if (frame instanceof ErrorMessage error) {
            PullReport pull = pulls.get(error.id());
            if (pull != null) {
                pull.failed(error);
                pullMaybeOver(error.id());
            } else {
                awaitingAnswer.remove(error.id());
            }
        }
    }

    private void pullMaybeOver(String id) {
        if (pulls.get(id).over()) {
            pulls.remove(id);
            awaitingAnswer.remove(id);
        }
    }

    private String currentModel() {
        if (model != null) {
            return model;
        }
        return hello == null ? "(the server's default)" : hello.defaultModel();
    }

    private String nextId(String prefix) {
        return prefix + ++requests;
    }
}
