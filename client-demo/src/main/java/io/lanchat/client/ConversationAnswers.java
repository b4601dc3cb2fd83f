package io.lanchat.client;

import io.lanchat.protocol.ConversationDeleted;
import io.lanchat.protocol.ConversationExport;
import io.lanchat.protocol.ConversationList;
import io.lanchat.protocol.ConversationOpened;
import io.lanchat.protocol.ConversationSummary;
import io.lanchat.protocol.ConversationUpdated;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.HistoryCleared;
import io.lanchat.protocol.ServerMessage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Shows the answers to the conversation commands: listings, renames, deletes, exports (written to their file),
 * imports, and the errors they get. Switching the connection itself ({@code opened}, {@code cleared}) is the
 * session's job; this class says how it looks. Not thread-safe: owned by the session's thread.
 */
final class ConversationAnswers {
    private final ConsoleRenderer ui;
    private final ConversationView view;
    private final ConversationRequests requests;

    ConversationAnswers(ConsoleRenderer ui, ConversationView view, ConversationRequests requests) {
        this.ui = ui;
        this.view = view;
        this.requests = requests;
    }

    /**
     * A conversation was opened or created on this connection: shows it.
     *
     * @return true for a new conversation (from {@code /new})
     */
    boolean opened(ConversationOpened opened) {
        PendingRequest pending = requests.take(opened.id());
        boolean created = pending instanceof PendingRequest.Create;
        requests.title(opened.conversation().title());
        if (pending instanceof PendingRequest.History) {
            view.numbered(opened);
        } else {
            view.opened(opened, created);
        }
        return created;
    }

    /**
     * The words for a {@code cleared} frame: after {@code /reset}, or after the open conversation was deleted. Call
     * it before the session switches to the new conversation.
     */
    String cleared(HistoryCleared cleared) {
        String left = requests.conversationId();
        requests.title(null);
        if (cleared.sessionId() == null) {
            return "* Conversation cleared; the next message starts a new one.";
        }
        if (requests.deleteSent(left)) {
            return "* You are in a new, empty conversation now.";
        }
        // A reset is answered with its own id; a cleared without one says the conversation went from under us.
        return cleared.id() == null
                ? "* This conversation was deleted (from another client); you are in a new, empty one now."
                : "* New conversation; the one you left is kept (/chats lists it).";
    }

    /** Shows an answer to one of the commands; false when the frame is not one. */
    boolean onFrame(ServerMessage frame) {
        if (frame instanceof ConversationList list && requests.take(list.id()) != null) {
            int first = requests.listing().add(list);
            view.list(list.conversations(), first, requests.conversationId(), list.query(),
                    requests.listing().hasMore());
        } else if (frame instanceof ConversationUpdated updated) {
            PendingRequest pending = requests.take(updated.id());
            if (pending == null) {
                return false;
            }
            onUpdated(pending, updated.conversation());
        } else if (frame instanceof ConversationDeleted deleted) {
            PendingRequest pending = requests.take(deleted.id());
            if (pending == null) {
                return false;
            }
            onDeleted(deleted, pending);
        } else if (frame instanceof ConversationExport export
                && requests.take(export.id()) instanceof PendingRequest.Export pending) {
            write(pending.file(), export);
        } else {
            return false;
        }
        return true;
    }

    /**
     * An error frame: shows it when it answers one of the commands.
     *
     * @return false when it answers something else
     */
    boolean onError(ErrorMessage error) {
        PendingRequest pending = requests.take(error.id());
        if (pending == null) {
            return false;
        }
        if (error.code() == ErrorCode.NOT_FOUND) {
            ui.info("No such conversation: it was deleted, or it is not yours (it belongs to another owner key)."
                    + " /chats lists yours.");
        } else if (error.code() == ErrorCode.NOT_SAVED) {
            ui.notSaved(error.message());
        } else {
            ui.error(error);
            if (pending instanceof PendingRequest.Open || pending instanceof PendingRequest.Create) {
                ui.info("You are still in the same conversation.");
            } else if (pending instanceof PendingRequest.Export export) {
                ui.info("Nothing was written to " + export.file() + ".");
            } else if (pending instanceof PendingRequest.Import) {
                ui.info("Nothing was imported: is the file a JSON export (/export FILE.json)?");
            }
        }
        return true;
    }

    private void onUpdated(PendingRequest pending, ConversationSummary c) {
        if (pending instanceof PendingRequest.Import) {
            ui.info("* Imported as \"" + c.title() + "\" (" + c.messages() + " messages): /chats lists it, /open "
                    + c.id() + " opens it.");
            return;
        }
        requests.listing().updated(c);
        if (c.id().equals(requests.conversationId())) {
            requests.title(c.title());
        }
        ui.info("* Renamed to \"" + c.title() + "\".");
    }

    private void onDeleted(ConversationDeleted deleted, PendingRequest pending) {
        requests.listing().deleted(deleted.conversationId());
        String what = pending instanceof PendingRequest.Delete delete ? delete.what() : null;
        ui.info("* Deleted " + (what == null ? "the conversation" : what) + ".");
    }

    private void write(Path file, ConversationExport export) {
        try {
            ExportFiles.write(file, export.content());
            ui.info("* Exported to " + file + " (" + export.format() + ").");
        } catch (IOException | RuntimeException e) {
            ui.info("Cannot write " + file + ": " + Failures.describe(e) + "; nothing was written.");
        }
    }
}
