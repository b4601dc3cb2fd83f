package io.lanchat.client;

import io.lanchat.protocol.ConversationOpened;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.OpenConversationRequest;
import io.lanchat.protocol.ReplyCancelled;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.Resumed;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.TokenDelta;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Scriptable mode's {@code --conversation ID}: opens that conversation on the connection before the script's first
 * message, on the {@link ScriptSession}'s event queue and thread.
 */
final class ScriptOpening {
    /** How long {@code --conversation} waits for the server to answer {@code open}. */
    static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);

    /** Waits for the connection to come back after a drop (and sends the resume); OK once it is up. */
    interface Reconnect {
        ExitCode await() throws InterruptedException;
    }

    private final BlockingQueue<ConnectionEvent> events;
    private final ChatConnection connection;
    private final Resumption resumption;
    private final Reconnect reconnect;
    private final Consumer<String> say;
    private final Supplier<String> ids;

    ScriptOpening(BlockingQueue<ConnectionEvent> events, ChatConnection connection, Resumption resumption,
                  Reconnect reconnect, Consumer<String> say, Supplier<String> ids) {
        this.events = events;
        this.connection = connection;
        this.resumption = resumption;
        this.reconnect = reconnect;
        this.say = say;
        this.ids = ids;
    }

    /**
     * {@code --conversation}: switches the connection to that conversation before the first message, and waits
     * for a reply still being written in it (from another client) to end, since a chat would be refused meanwhile.
     *
     * @param verbose   say on stderr what was opened
     * @param ownerWord whose chats these are, for the not_found message: "owner key" or "user"
     * @return OK when the script's messages can be sent; {@link ExitCode#CONVERSATION_NOT_FOUND} for not_found
     */
    ExitCode open(String conversationId, boolean verbose, String ownerWord) throws InterruptedException {
        String id = ids.get();
        connection.send(new OpenConversationRequest(id, conversationId, null, null));
        long deadline = System.nanoTime() + OPEN_TIMEOUT.toNanos();
        while (true) {
            ConnectionEvent event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                say.accept("the server did not answer within " + OPEN_TIMEOUT.toSeconds() + " s when asked to open"
                        + " conversation " + conversationId + ".");
                return ExitCode.REPLY_FAILED;
            }
            if (event instanceof ConnectionEvent.Lost lost) {
                say.accept("connection lost (" + lost.reason() + "); reconnecting to open the conversation.");
                ExitCode status = reconnect.await();
                if (status != ExitCode.OK) {
                    return status;
                }
                id = ids.get();
                connection.send(new OpenConversationRequest(id, conversationId, null, null));
                continue;
            }
            if (event instanceof ConnectionEvent.TakenOver takenOver) {
                say.accept("another client resumed this conversation (" + takenOver.reason() + ").");
                return ExitCode.REPLY_FAILED;
            }
            if (!(event instanceof ConnectionEvent.Received r)) {
                continue;
            }
            ServerMessage frame = r.frame();
            if (frame instanceof Resumed resumed && resumption.answersResume(resumed.id())) {
                resumption.resumed(resumed);
            } else if (frame instanceof ErrorMessage error && resumption.answersResume(error.id())) {
                resumption.failed();
            } else if (frame instanceof ConversationOpened opened && id.equals(opened.id())) {
                resumption.switched(opened.conversation().id(), opened.resumeSecret(), opened.reply());
                if (verbose) {
                    say.accept("opened \"" + opened.conversation().title() + "\" (" + opened.conversation().messages()
                            + " messages).");
                }
                return opened.reply() == null ? ExitCode.OK : awaitReplyOfOthers(opened.reply().id());
            } else if (frame instanceof ErrorMessage error && id.equals(error.id())) {
                if (error.code() == ErrorCode.NOT_FOUND) {
                    say.accept("no conversation " + conversationId + " of yours: it does not exist, was deleted, or belongs"
                            + " to another " + ownerWord
                            + " [not_found].");
                    return ExitCode.CONVERSATION_NOT_FOUND;
                }
                say.accept("cannot open conversation " + conversationId + ": " + error.message() + " ["
                        + error.code().wireName() + "]");
                return ExitCode.forError(error.code());
            }
        }
    }

    /** Waits until the reply someone else started in the opened conversation ends (its text is not ours to print). */
    private ExitCode awaitReplyOfOthers(String replyId) throws InterruptedException {
        say.accept("a reply is still being written in this conversation; waiting for it to end.");
        while (true) {
            ConnectionEvent event = events.take();
            if (event instanceof ConnectionEvent.Lost) {
                ExitCode status = reconnect.await();
                if (status != ExitCode.OK) {
                    return status;
                }
            } else if (event instanceof ConnectionEvent.TakenOver) {
                say.accept("another client took this conversation over.");
                return ExitCode.REPLY_FAILED;
            } else if (event instanceof ConnectionEvent.Received r) {
                ServerMessage frame = r.frame();
                if (frame instanceof Resumed resumed && resumption.answersResume(resumed.id())) {
                    resumption.resumed(resumed);
                    if (resumed.reply() == null) {
                        return ExitCode.OK;
                    }
                } else if (frame instanceof ErrorMessage error && resumption.answersResume(error.id())) {
                    resumption.failed();
                    say.accept("the conversation could not be resumed [" + error.code().wireName() + "].");
                    return ExitCode.REPLY_FAILED;
                } else if (frame instanceof TokenDelta token) {
                    resumption.accept(token);
                } else if ((frame instanceof ReplyDone done && replyId.equals(done.id()))
                        || (frame instanceof ReplyCancelled cancelled && replyId.equals(cancelled.id()))
                        || (frame instanceof ErrorMessage error && replyId.equals(error.id())
                                && error.code() != ErrorCode.NOT_SAVED)) {
                    resumption.unwatch();
                    return ExitCode.OK;
                }
            }
        }
    }
}
