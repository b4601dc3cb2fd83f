package io.lanchat.client;

import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.OpenRoomRequest;
import io.lanchat.protocol.ReplyCancelled;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ReplyPhase;
import io.lanchat.protocol.RoomOwnerPresence;
import io.lanchat.protocol.RoomPresence;
import io.lanchat.protocol.RoomState;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.SharedMessage;
import io.lanchat.protocol.TokenDelta;
import java.io.PrintStream;
import java.util.List;

/**
 * What a room's member sees: the history (each question as {@code NAME: text}, as the server keeps it), who is
 * present and whether the owner is, the room's rule when the model answers only {@code @model}, who comes and
 * goes, each new message and its reply streaming token by token, and the place in the room's line while a message
 * waits. A later {@code room_state} (after coming back, or when the server replaces the transcript) prints only
 * what is new since (see {@link RoomTranscript}). Typing frames are not shown: on a console they would only
 * interleave with the replies. Called from the WebSocket's listener, one frame at a time; {@link #connectionLost}
 * from the member's thread.
 */
final class RoomView {
    private final PrintStream out;
    private final PrintStream err;
    private final RoomTranscript transcript = new RoomTranscript();
    /** The reply being printed, as far as it came; empty between replies. */
    private final StringBuilder reply = new StringBuilder();
    /** The id of the reply being printed; null between replies. */
    private String replyId;
    /** A place in line told while a reply's line was open: shown when that line ends. */
    private String deferred;
    private boolean joined;
    private boolean away;
    private boolean ownerPresent;
    private List<String> members = List.of();

    RoomView(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    synchronized void show(ServerMessage frame) {
        if (frame instanceof RoomState state) {
            if (joined) {
                replaced(state);
            } else {
                banner(state);
            }
            joined = true;
            away = false;
            members = state.members();
            ownerPresent = state.ownerPresent();
        } else if (frame instanceof RoomPresence presence) {
            members = presence.applyTo(members);
            out.println("* " + presence.name() + (presence.joined() ? " joined" : " left"));
        } else if (frame instanceof RoomOwnerPresence owner) {
            out.println(owner.present() ? "* The owner is back" : "* The owner left");
            ownerPresent = owner.present();
        } else if (frame instanceof SharedMessage asked) {
            endLine();
            out.println("> " + asked.message().attributed());
            transcript.add(asked.message());
        } else if (frame instanceof ReplyPhase phase && phase.phase() == ReplyPhase.Phase.QUEUED
                && phase.position() != null) {
            String waiting = "* waiting: " + ordinal(phase.position()) + " in the room's line";
            if (reply.length() > 0) {
                deferred = waiting;      // not in the middle of the reply's text
            } else {
                out.println(waiting);
            }
        } else if (frame instanceof TokenDelta token) {
            out.print(token.text());
            reply.append(token.text());
            replyId = token.id();
        } else if (frame instanceof ReplyDone || frame instanceof ReplyCancelled) {
            out.println(frame instanceof ReplyCancelled ? " [stopped]" : "");
            out.println();
            transcript.addReply(reply.toString());
            reply.setLength(0);
            replyId = null;
            showDeferred();
        } else if (frame instanceof ErrorMessage error) {
            if (error.id() != null && error.id().equals(replyId)) {
                endLine();      // the reply failed: its line ends here
            }
            err.println(describe(error));
        }
        out.flush();
    }

    /**
     * The connection dropped: ends a reply cut short (it comes again whole, from its start, after coming back) and
     * makes the next {@code room_state} say what was missed.
     */
    synchronized void connectionLost() {
        endLine();
        away = true;
        out.flush();
    }

    private void banner(RoomState state) {
        out.println("== " + state.title() + " (room; you are " + state.you() + ") ==");
        state.history().forEach(this::print);
        transcript.replaceWith(state.history());
        out.println("* Present: " + String.join(", ", state.members()) + "; the owner is "
                + (state.ownerPresent() ? "here" : "away"));
        if (OpenRoomRequest.MENTIONED.equals(state.answers())) {
            out.println("* The model answers only messages that mention @model");
        }
    }

    /** A new state replaces the transcript: prints what the screen does not show yet. */
    private void replaced(RoomState state) {
        List<HistoryMessage> history = state.history();
        List<HistoryMessage> fresh = history.subList(transcript.shared(history), history.size());
        if (away) {
            endLine();
            out.println("* Back in the room; " + count(fresh.size()) + " since you left" + (fresh.isEmpty() ? ""
                    : ":"));
        } else if (!fresh.isEmpty() && reply.length() > 0 && "assistant".equals(fresh.get(0).role())
                && fresh.get(0).content().startsWith(reply.toString())) {
            // The reply being printed ended without its own frame (stopped by someone else): finish its line.
            HistoryMessage ended = fresh.get(0);
            out.println(ended.content().substring(reply.length()) + (ended.cancelled() ? " [stopped]" : ""));
            out.println();
            reply.setLength(0);
            fresh = fresh.subList(1, fresh.size());
        }
        endLine();
        fresh.forEach(this::print);
        transcript.replaceWith(history);
        if (away && !state.members().equals(members)) {
            out.println("* Present: " + String.join(", ", state.members()));
        }
        if (state.ownerPresent() != ownerPresent) {
            out.println(state.ownerPresent() ? "* The owner is back" : "* The owner left");
        }
    }

    private void print(HistoryMessage m) {
        out.println("user".equals(m.role()) ? "> " + m.attributed()
                : m.content() + (m.cancelled() ? " [stopped]" : ""));
        out.println();
    }

    /** Ends a reply's line left open, so what follows starts on its own line. */
    private void endLine() {
        if (reply.length() > 0) {
            out.println();
            reply.setLength(0);
        }
        replyId = null;
        showDeferred();
    }

    private void showDeferred() {
        if (deferred != null) {
            out.println(deferred);
            deferred = null;
        }
    }

    private static String count(int messages) {
        return messages == 1 ? "1 message" : messages + " messages";
    }

    static String describe(ErrorMessage error) {
        if (error.code() == ErrorCode.FORBIDDEN) {
            return "* You can stop only the reply to your own message (" + error.message() + ").";
        }
        if (error.code() == ErrorCode.SERVER_BUSY) {
            return "* The room's line is full; send your message again in a moment.";
        }
        return "* Error (" + error.code().wireName() + "): " + error.message();
    }

    static String ordinal(int n) {
        int tens = n % 100;
        String suffix = tens >= 11 && tens <= 13 ? "th"
                : switch (n % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return n + suffix;
    }
}
