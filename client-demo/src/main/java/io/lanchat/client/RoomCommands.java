package io.lanchat.client;

import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.OpenRoomRequest;
import io.lanchat.protocol.ReplyCancelled;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.RoomOpened;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.SharedMessage;
import io.lanchat.protocol.TokenDelta;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The owner's side of a room: {@code /room [MINUTES]} opens this conversation as a room and shows its invite link
 * (once: the server keeps only its hash); members' messages, and the replies to them, are shown as they come.
 * Invites are listed and revoked like share links ({@code /shares}, {@code /unshare ID}). Not thread-safe: owned by
 * the session's thread.
 */
final class RoomCommands {
    private static final int MAX_MINUTES = 525_600;

    private final ConsoleRenderer ui;
    private final SessionLink link;
    private final Supplier<String> conversationId;
    private final URI server;
    private final Set<String> pending = new HashSet<>();
    /** Ids of members' messages whose reply is being shown. */
    private final Set<String> membersReplies = new HashSet<>();

    RoomCommands(ConsoleRenderer ui, SessionLink link, Supplier<String> conversationId, URI server) {
        this.ui = ui;
        this.link = link;
        this.conversationId = conversationId;
        this.server = server;
    }

    /** Runs {@code /room}; false for any other command. */
    boolean run(String name, String argument) {
        if (!name.equals("/room")) {
            return false;
        }
        Integer minutes = minutes(argument);
        if (minutes == null && !argument.isEmpty()) {
            ui.info("Usage: /room opens this conversation as a room; /room MINUTES makes its invite expire"
                    + " (1 to " + MAX_MINUTES + ").");
            return true;
        }
        String id = conversationId.get();
        if (id == null) {
            ui.info("Send a message first: there is no conversation to open as a room yet.");
            return true;
        }
        OpenRoomRequest request = new OpenRoomRequest(link.nextId("ro"), id, minutes);
        if (!link.sendAwaitingAnswer(request)) {
            ui.info("Not connected; try again when the connection is back.");
        } else {
            pending.add(request.id());
        }
        return true;
    }

    private static Integer minutes(String argument) {
        try {
            int minutes = Integer.parseInt(argument);
            return minutes >= 1 && minutes <= MAX_MINUTES ? minutes : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Shows the invite, or a member's message and its reply; false when the frame is neither. */
    boolean onFrame(ServerMessage frame) {
        if (frame instanceof RoomOpened opened && pending.remove(opened.id())) {
            ui.info("* Room invite: " + RoomLink.pageUrl(server, opened.token())
                    + (opened.expiresAt() == null ? "" : " (until " + opened.expiresAt() + ")"));
            ui.info("  Members join with: --join LINK --name NAME. It is shown only now: copy it. /unshare "
                    + opened.invite().shareId() + " revokes it (its members leave).");
        } else if (frame instanceof SharedMessage asked && asked.id() != null) {
            membersReplies.add(asked.id());
            ui.info("> " + asked.message().attributed());
        } else if (frame instanceof TokenDelta token && membersReplies.contains(token.id())) {
            ui.token(token.text());
        } else if ((frame instanceof ReplyDone || frame instanceof ReplyCancelled)
                && membersReplies.remove(replyId(frame))) {
            ui.info(frame instanceof ReplyCancelled ? " [stopped]" : "");   // ends the reply's line
        } else {
            return false;
        }
        return true;
    }

    private static String replyId(ServerMessage frame) {
        return frame instanceof ReplyDone done ? done.id() : ((ReplyCancelled) frame).id();
    }

    /** An error answering {@code /room}: shows it; false when it answers something else. */
    boolean onError(ErrorMessage error) {
        if (error.id() != null && membersReplies.remove(error.id())) {
            ui.error(error);
            return true;
        }
        if (error.id() == null || !pending.remove(error.id())) {
            return false;
        }
        if (error.code() == ErrorCode.NOT_FOUND) {
            ui.info("This conversation is not yours, or no longer exists.");
        } else {
            ui.error(error);
        }
        return true;
    }
}
