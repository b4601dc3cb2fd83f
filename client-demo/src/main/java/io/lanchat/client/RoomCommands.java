package io.lanchat.client;

import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.OpenRoomRequest;
import io.lanchat.protocol.ReplyCancelled;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.RoomOpened;
import io.lanchat.protocol.RoomPresence;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.SharedMessage;
import io.lanchat.protocol.TokenDelta;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The owner's side of a room: {@code /room [MINUTES] [--mentioned]} opens this conversation as a room and shows its
 * invite link (once: the server keeps only its hash); with {@code --mentioned} the model answers only members'
 * messages that mention {@code @model}. Members' messages, the replies to them, and members coming and going are
 * shown as they come (their typing is not: on a console it would only interleave with the replies). Invites are
 * listed and revoked like share links ({@code /shares}, {@code /unshare ID}). Not thread-safe: owned by the
 * session's thread.
 */
final class RoomCommands {
    private static final int MAX_MINUTES = OpenRoomRequest.MAX_EXPIRY_MINUTES;
    private static final String MENTIONED_FLAG = "--mentioned";

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
        List<String> words = new ArrayList<>(List.of(argument.split("\\s+")));
        words.remove("");
        boolean mentioned = words.remove(MENTIONED_FLAG);
        Integer minutes = words.size() == 1 ? minutes(words.get(0)) : null;
        if (words.size() > 1 || (words.size() == 1 && minutes == null)) {
            ui.info("Usage: /room opens this conversation as a room; /room MINUTES makes its invite expire"
                    + " (1 to " + MAX_MINUTES + "); " + MENTIONED_FLAG + " has the model answer only messages that"
                    + " mention @model (e.g. /room 60 " + MENTIONED_FLAG + ").");
            return true;
        }
        String id = conversationId.get();
        if (id == null) {
            ui.info("Send a message first: there is no conversation to open as a room yet.");
            return true;
        }
        OpenRoomRequest request = new OpenRoomRequest(link.nextId("ro"), id, minutes,
                mentioned ? OpenRoomRequest.MENTIONED : null);
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
            if (OpenRoomRequest.MENTIONED.equals(opened.invite().answers())) {
                ui.info("  The model answers only messages that mention @model; the others are kept and shown.");
            }
            ui.info("  Members join with: --join LINK --name NAME. It is shown only now: copy it. /unshare "
                    + opened.invite().shareId() + " revokes it (its members leave).");
        } else if (frame instanceof RoomPresence presence) {
            ui.info("* " + presence.name() + (presence.joined() ? " joined the room" : " left the room"));
        } else if (frame instanceof SharedMessage asked && asked.id() != null) {
            // One reply at a time in a room: a message shown ends any earlier one left unanswered ('mentioned').
            membersReplies.clear();
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
