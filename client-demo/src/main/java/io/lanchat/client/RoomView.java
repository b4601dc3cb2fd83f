package io.lanchat.client;

import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.ReplyCancelled;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ReplyPhase;
import io.lanchat.protocol.RoomPresence;
import io.lanchat.protocol.RoomState;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.SharedMessage;
import io.lanchat.protocol.TokenDelta;
import java.io.PrintStream;

/**
 * What a room's member sees: the history (each question as {@code NAME: text}, as the server keeps it), who is
 * present, who comes and goes, each new question and its reply streaming token by token, and the place in the
 * room's line while a message waits. Called from the WebSocket's listener, one frame at a time.
 */
final class RoomView {
    private final PrintStream out;
    private final PrintStream err;

    RoomView(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    synchronized void show(ServerMessage frame) {
        if (frame instanceof RoomState state) {
            out.println("== " + state.title() + " (room; you are " + state.you() + ") ==");
            for (HistoryMessage m : state.history()) {
                out.println("user".equals(m.role()) ? "> " + m.attributed() : m.content());
                out.println();
            }
            out.println("* Present: " + String.join(", ", state.members()));
        } else if (frame instanceof RoomPresence presence) {
            out.println("* " + presence.name() + (presence.joined() ? " joined" : " left"));
        } else if (frame instanceof SharedMessage asked) {
            out.println("> " + asked.message().attributed());
        } else if (frame instanceof ReplyPhase phase && phase.phase() == ReplyPhase.Phase.QUEUED
                && phase.position() != null) {
            out.println("* waiting: " + ordinal(phase.position()) + " in the room's line");
        } else if (frame instanceof TokenDelta token) {
            out.print(token.text());
        } else if (frame instanceof ReplyDone || frame instanceof ReplyCancelled) {
            out.println(frame instanceof ReplyCancelled ? " [stopped]" : "");
            out.println();
        } else if (frame instanceof ErrorMessage error) {
            err.println(describe(error));
        }
        out.flush();
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
