package io.lanchat.client;

import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.Hello;
import io.lanchat.protocol.ModelInfo;
import io.lanchat.protocol.OllamaStatus;
import io.lanchat.protocol.ProtocolVersion;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ReplyStarted;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Everything the interactive chat shows: the conversation and announcements on stdout, connection trouble on
 * stderr. It remembers whether the cursor is mid-line so that an announcement arriving during a reply, or
 * while the prompt waits, starts on a line of its own.
 */
final class ConsoleRenderer {
    static final String PROMPT = "> ";
    private static final String DIM = "\u001B[2m";
    private static final String NORMAL = "\u001B[22m";

    private final PrintStream out;
    private final PrintStream err;
    /** Whether the terminal shows ANSI styles (the reasoning is dimmed then). */
    private final boolean ansi;
    private boolean atLineStart = true;
    private boolean promptShown;
    /** When the reasoning of the reply being shown began; -1 while no reasoning is being shown. */
    private long thinkingSince = -1;

    ConsoleRenderer(PrintStream out, PrintStream err) {
        this(out, err, false);
    }

    ConsoleRenderer(PrintStream out, PrintStream err, boolean ansi) {
        this.out = out;
        this.err = err;
        this.ansi = ansi;
    }

    void welcome(URI url, Hello hello, String model) {
        line("Connected to " + url + " (" + (hello.server() == null ? "LAN Chat" : hello.server())
                + ", session " + shortId(hello.sessionId()) + ").");
        line((hello.ollama().available() ? "Ollama: " : "Ollama is unavailable: ") + hello.ollama().reason());
        line("Model: " + model + ". Installed: " + names(hello.models()) + ".");
        if ("none".equals(hello.store())) {
            line("This server keeps conversations in memory only: they are gone when it restarts.");
        }
        line("Type a message and press Enter; /help lists the commands.");
    }

    void prompt() {
        if (!promptShown) {
            endLine();
            out.print(PROMPT);
            out.flush();
            promptShown = true;
            atLineStart = false;
        }
    }

    /** The user pressed Enter: the terminal moved the cursor to a new line. */
    void inputTaken() {
        promptShown = false;
        atLineStart = true;
    }

    void token(String text) {
        if (text.isEmpty()) {
            return;
        }
        endThinking();
        promptShown = false;
        out.print(text);
        out.flush();
        atLineStart = text.endsWith("\n");
    }

    /** Older messages the model no longer sees: {@code started.trimmedMessages}, and why. */
    void trimmed(ReplyStarted started) {
        int messages = started.trimmedMessages();
        String why = ReplyStarted.TRIMMED_FOR_CONTEXT.equals(started.trimmedFor())
                ? ": they no longer fit the context of " + started.model()
                : " to fit the server's history budget";
        line("(" + messages + " older message" + (messages == 1 ? " was" : "s were") + " left out" + why + ")");
    }

    void done(ReplyDone done) {
        endThinking();
        line(ReplySummary.of(done));
    }

    /**
     * A piece of the model's reasoning: under a "Thinking…" line, dimmed on a terminal that shows it, apart from
     * the answer that follows.
     */
    void thinking(String text) {
        if (text.isEmpty()) {
            return;
        }
        if (thinkingSince < 0) {
            line("Thinking…");
            thinkingSince = System.nanoTime();
        }
        promptShown = false;
        out.print(ansi ? DIM + text + NORMAL : text);
        out.flush();
        atLineStart = text.endsWith("\n");
    }

    /** The reasoning is over (the answer starts, or the reply ended): says for how long, as this client saw it. */
    private void endThinking() {
        if (thinkingSince >= 0) {
            long millis = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - thinkingSince);
            thinkingSince = -1;
            line("Thought for " + PhaseText.duration(millis) + ".");
        }
    }

    /** Where the reply stands before its first token (waiting in line, loading the model), on stderr. */
    void phase(String text) {
        endLine();
        promptShown = false;
        err.println("[" + text + "]");
        err.flush();
    }

    /**
     * The reply in flight ended while the connection was down; {@code rest} is the part of it not shown yet.
     *
     * @param cancelled true when the server stopped it because nobody resumed in time
     */
    void finishedWhileAway(String rest, boolean cancelled) {
        token(rest);
        line(cancelled ? "[stopped: the connection was down for too long]"
                : "[finished while the connection was down]");
    }

    /** The reply in flight failed while the connection was down; the server kept the message for retry. */
    void failedWhileAway(boolean partialShown) {
        if (partialShown) {
            line("[the partial reply above was discarded]");
        }
        line("The reply failed while the connection was down. Type /retry to send your message again.");
    }

    /** After a resume the reply in flight comes again from its first token. */
    void replyStartsOver() {
        line("[the reply starts over]");
    }

    /** The reply was stopped; {@code rest} is what the server had written that was not shown yet. */
    void cancelled(String rest) {
        token(rest);
        endThinking();
        line("[stopped]");
    }

    void replyFailed(ErrorMessage error, boolean partialShown) {
        endThinking();
        if (partialShown) {
            line("[the partial reply above was discarded]");
        }
        error(error);
        if (error.retryable()) {
            line(error.code() == ErrorCode.MODEL_NOT_FOUND
                    ? "Choose an installed model with /model NAME, then type /retry to send your message again."
                    : "Type /retry to send your message again.");
        }
    }

    /** The server could not save the conversation ({@code not_saved}): a warning, since chatting goes on. */
    void notSaved(String message) {
        line("! Not saved: " + message + " Chatting goes on; the server saves the conversation when it can.");
    }

    void error(ErrorMessage error) {
        line("Error (" + error.code().wireName() + "): " + error.message());
    }

    void availability(OllamaStatus status, boolean somethingToRetry) {
        if (status.available()) {
            line("* Ollama is available again: " + status.reason()
                    + (somethingToRetry ? " Type /retry to send your message again." : ""));
        } else {
            line("* Ollama is unavailable: " + status.reason());
        }
    }

    void modelsChanged(List<ModelInfo> models, String model) {
        boolean present = models.stream().anyMatch(m -> m.name().equals(model));
        line("* The installed models changed: " + names(models) + "."
                + (present ? "" : " The model in use, " + model + ", is not among them."));
    }

    void modelList(List<ModelInfo> models, String defaultModel, String model) {
        if (models.isEmpty()) {
            line("No models are installed (or Ollama is unavailable).");
        }
        for (ModelInfo m : models) {
            List<String> facts = new ArrayList<>();
            if (m.parameterSize() != null) {
                facts.add(m.parameterSize());
            }
            if (m.quantization() != null) {
                facts.add(m.quantization());
            }
            facts.add(String.format(Locale.ROOT, "%.1f GB", m.sizeBytes() / 1e9));
            line((m.name().equals(model) ? "  * " : "    ") + m.name() + "  (" + String.join(", ", facts) + ")"
                    + (m.name().equals(defaultModel) ? "  server default" : ""));
        }
        line("In use: " + model + ". Change it with /model NAME.");
    }

    void help() {
        HelpText.LINES.forEach(this::line);
    }

    void retrying(ConnectionEvent.Retrying retrying) {
        // Say it on the first failure, then only now and then: attempts go on for as long as the user waits.
        if (retrying.attempt() == 1 || retrying.attempt() % 5 == 0) {
            notice("cannot connect (" + retrying.reason() + "); still trying (attempt " + retrying.attempt()
                    + ", next in " + String.format(Locale.ROOT, "%.1f", retrying.delay().toMillis() / 1000.0)
                    + " s). Ctrl-C quits.");
        }
    }

    /** Reconnected and took the conversation back. */
    void resumed(String whatBecameOfTheReply) {
        notice("reconnected and resumed the conversation" + whatBecameOfTheReply);
    }

    /**
     * Reconnected, but to a new session: the server cannot resume (it restarted, or the session expired), so the
     * conversation starts over.
     *
     * @param why       why the earlier session could not be resumed
     * @param resending whether the message whose reply was lost is sent again now
     * @param waiting   whether a message typed meanwhile is sent now
     */
    void reconnectedToNewSession(String why, OllamaStatus ollama, boolean resending, boolean waiting) {
        String next = resending ? "; sending your message again."
                : waiting ? "; sending your waiting message now." : ".";
        notice("reconnected, but " + why + ": the server started a new session, so the conversation starts over"
                + next);
        if (!ollama.available()) {
            availability(ollama, false);
        }
    }

    /** Another client resumed this conversation (close 4001): it goes on there. */
    void takenOver(String reason) {
        notice("another client resumed this conversation and goes on with it there (" + reason + "). Quitting;"
                + " start the client again for a new conversation.");
    }

    void pullProgress(String text) {
        line("  " + text);
    }

    void protocolMismatch(int serverVersion) {
        notice("the server speaks protocol version " + serverVersion + ", this client version "
                + ProtocolVersion.CURRENT + "; some things may not work.");
    }

    /** A line of the conversation's own chatter, on stdout. */
    void info(String text) {
        line(text);
    }

    /** A diagnostic on stderr (connection trouble), kept off the conversation's lines. */
    void notice(String text) {
        if (!atLineStart) {
            out.println();
            out.flush();
            atLineStart = true;
        }
        promptShown = false;
        err.println("lanchat-client: " + text);
        err.flush();
    }

    private void line(String text) {
        endLine();
        out.println(text);
        out.flush();
        promptShown = false;
    }

    private void endLine() {
        if (!atLineStart) {
            out.println();
            atLineStart = true;
        }
    }

    private static String names(List<ModelInfo> models) {
        return models.isEmpty() ? "(none)" : String.join(", ", models.stream().map(ModelInfo::name).toList());
    }

    private static String shortId(String sessionId) {
        return sessionId.length() <= 8 ? sessionId : sessionId.substring(0, 8);
    }
}
