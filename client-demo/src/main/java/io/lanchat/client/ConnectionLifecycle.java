package io.lanchat.client;

import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.Hello;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.ProtocolVersion;
import io.lanchat.protocol.ResumeRequest;
import io.lanchat.protocol.Resumed;
import io.lanchat.protocol.ServerMessage;
import java.net.URI;

/**
 * What the interactive chat does as its connection comes and goes: the welcome, adopting an owner key the server
 * issues, resuming the conversation after a reconnect (and what became of the reply being written), or telling
 * the user that the server started a new one. Not thread-safe: owned by the session's thread.
 */
final class ConnectionLifecycle {
    private final ConsoleRenderer ui;
    private final URI url;
    private final Credentials credentials;
    private final SessionLink link;
    private final Turns turns;
    private final Resumption resumption;
    private final ModelCommands models;
    private final MessageFlow flow;

    ConnectionLifecycle(ConsoleRenderer ui, URI url, Credentials credentials, SessionLink link, Turns turns,
                        Resumption resumption, ModelCommands models, MessageFlow flow) {
        this.ui = ui;
        this.url = url;
        this.credentials = credentials;
        this.link = link;
        this.turns = turns;
        this.resumption = resumption;
        this.models = models;
        this.flow = flow;
    }

    /** A server said hello, for the first time or after a reconnect. */
    void connected(Hello first, boolean reconnected) {
        link.saidHello();
        models.connected(first);
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
        ResumeRequest resume = resumption.connected(first, link.nextId("s"));
        if (resume != null) {
            // Take the earlier session back before sending anything else: the link stays down until the answer.
            link.send(resume);    // if this fails, a Lost event is on its way
            return;
        }
        link.up(true);
        if (reconnected) {
            // A server that cannot resume sessions: the reply in flight is lost, ask for it again.
            newSession("this server cannot resume conversations");
        } else {
            ui.welcome(url, first, models.currentModel());
            flow.sendNext();
        }
    }

    void lost(String reason) {
        link.lost();
        models.lost();
        ui.notice("connection lost (" + reason + "); reconnecting"
                + (turns.replying() ? " to pick up the reply where it broke off..." : "..."));
    }

    /**
     * Handles the answer to a resume.
     *
     * @return false when the frame answers something else
     */
    boolean onFrame(ServerMessage frame) {
        if (frame instanceof Resumed resumed && resumption.answersResume(resumed.id())) {
            resumed(resumed);
        } else if (frame instanceof ErrorMessage error && resumption.answersResume(error.id())) {
            // resume_failed: the session expired or the server restarted (or an old server: unknown_type).
            resumption.failed();
            link.up(true);
            newSession("the conversation could not be resumed [" + error.code().wireName() + "]");
        } else {
            return false;
        }
        return true;
    }

    /** The session is ours again. What became of the reply we were receiving? */
    private void resumed(Resumed resumed) {
        resumption.resumed(resumed);
        link.up(true);
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
        flow.sendNext();
    }

    /** Reconnected to a new, empty session: what the server had of the conversation is gone. */
    private void newSession(String why) {
        turns.newSession();
        boolean resend = turns.lost();
        ui.reconnectedToNewSession(why, models.ollama(), resend, turns.hasWaiting());
        flow.sendNext();
    }
}
