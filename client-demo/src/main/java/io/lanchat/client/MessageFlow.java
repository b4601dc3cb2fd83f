package io.lanchat.client;

import io.lanchat.protocol.CancelRequest;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ClientMessage;
import io.lanchat.protocol.ConversationOpened;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.HistoryCleared;
import io.lanchat.protocol.ReplyCancelled;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ReplyPhase;
import io.lanchat.protocol.ReplyStarted;
import io.lanchat.protocol.ResetRequest;
import io.lanchat.protocol.RetryRequest;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.ThinkingDelta;
import io.lanchat.protocol.TokenDelta;
import java.util.function.BooleanSupplier;

/**
 * The user's messages through the interactive chat: they wait in an outbox until the connection is up and no reply
 * is being written, go out one at a time, and each reply is shown as it streams, until done, stopped or failed.
 * Not thread-safe: owned by the session's thread.
 */
final class MessageFlow {
    private final ConsoleRenderer ui;
    private final SessionLink link;
    private final Turns turns;
    private final Resumption resumption;
    private final ModelCommands models;
    private final ThinkCommand think;
    private final BooleanSupplier switching;

    /** @param switching true while an open or new awaits its answer: a message typed meanwhile waits for it */
    /** Files for the next message ({@code /image}, {@code /attach}); null where none can be attached. */
    private AttachCommand attachments;

    void attachWith(AttachCommand command) {
        this.attachments = command;
    }

    MessageFlow(ConsoleRenderer ui, SessionLink link, Turns turns, Resumption resumption, ModelCommands models,
                ThinkCommand think, BooleanSupplier switching) {
        this.ui = ui;
        this.link = link;
        this.turns = turns;
        this.resumption = resumption;
        this.models = models;
        this.think = think;
        this.switching = switching;
    }

    /** A message typed: it is sent now, or once the connection is back or the current reply has ended. */
    void submit(Turns.Turn turn) {
        turns.add(turn);
        if (!link.up()) {
            ui.info(!link.everConnected() ? "Not connected yet: your message will be sent once connected."
                    : "Not connected: your message will be sent when the connection is back.");
        } else if (turns.replying()) {
            ui.info("(queued: it will be sent when the current reply ends)");
        }
        sendNext();
    }

    /** {@code /retry}: the message whose reply failed goes again. */
    void retry() {
        if (turns.failedText() == null) {
            ui.info("Nothing to retry: no message has failed.");
        } else {
            submit(new Turns.Turn(turns.failedText(), true));
        }
    }

    /** {@code /reset}: a new conversation; a failed message is no longer worth retrying. */
    void reset() {
        if (link.sendAwaitingAnswer(new ResetRequest(link.nextId("z")))) {
            turns.cleared();
        } else {
            ui.info("Not connected; try again when the connection is back.");
        }
    }

    /**
     * Ctrl-C: stops the reply being written.
     *
     * @return false when there is nothing to stop (or the stop was already asked for): the user wants to quit
     */
    boolean interrupt() {
        if (turns.replying() && link.up() && !turns.cancelSent()) {
            turns.cancelSent(link.send(new CancelRequest(link.nextId("x"))));
            ui.info("[stopping the reply; press Ctrl-C again to quit]");
            return true;
        }
        return false;
    }

    boolean replying() {
        return turns.replying();
    }

    /** True when a failed message waits for {@code /retry}. */
    boolean somethingToRetry() {
        return turns.failedText() != null;
    }

    /** Sends the oldest waiting message if the connection is up and no reply is in flight. */
    void sendNext() {
        Turns.Turn turn = link.up() && !switching.getAsBoolean() ? turns.next() : null;
        if (turn == null) {
            return;
        }
        // The server keeps a failed message only within its session; after a reconnect, send the text again.
        ClientMessage request;
        String id;
        if (turn.retry() && turns.serverHoldsFailed()) {
            id = link.nextId("r");
            request = new RetryRequest(id, models.requested());
        } else {
            id = link.nextId("c");
            request = new ChatRequest(id, turn.text(), models.requested(), null, think.requested(),
                    attachments == null ? null : attachments.take());
        }
        if (link.send(request)) {
            turns.sent(turn, id);
            resumption.watch(id);
        } else {
            turns.putBack(turn);        // the Lost event is on its way; resend after reconnecting
        }
    }

    /**
     * Shows a frame of the reply in flight (phase, start, thinking, token, done, cancelled).
     *
     * @return false when the frame is not one of those, or belongs to another reply
     */
    boolean onFrame(ServerMessage frame) {
        if (frame instanceof ReplyPhase phase && turns.isInFlight(phase.id())) {
            String text = PhaseText.describe(phase);
            if (text != null) {
                ui.phase(text);
            }
        } else if (frame instanceof ReplyStarted started && turns.isInFlight(started.id())) {
            if (started.trimmedMessages() > 0) {
                ui.trimmed(started);
            }
        } else if (frame instanceof ThinkingDelta thinking && turns.isInFlight(thinking.id())
                && resumption.accept(thinking)) {
            ui.thinking(thinking.text());
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
        } else {
            return false;
        }
        return true;
    }

    /** An error that answers no command: the reply in flight failed, or something else went wrong. */
    void onError(ErrorMessage error) {
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

    /** The connection is about to switch conversations: a reply in flight goes on there, unseen here. */
    void leaving() {
        if (turns.replying()) {
            ui.info("[the reply goes on in the conversation you left, and is saved there]");
            turns.abandon();
        }
    }

    /** The connection switched to another conversation (/open, /new): follow its live reply, if any. */
    void opened(ConversationOpened opened) {
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

    /** A {@code cleared} frame: a server that keeps conversations moved this connection to a new one. */
    void cleared(HistoryCleared cleared) {
        if (cleared.sessionId() != null) {
            resumption.switched(cleared.sessionId(), cleared.resumeSecret(), null);
            turns.newSession();
        }
    }

    private void replyEnded() {
        turns.succeeded();
        resumption.unwatch();
        sendNext();
    }
}
