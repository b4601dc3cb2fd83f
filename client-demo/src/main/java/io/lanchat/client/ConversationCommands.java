package io.lanchat.client;

import io.lanchat.protocol.ClientMessage;
import io.lanchat.protocol.ConversationDeleted;
import io.lanchat.protocol.ConversationExport;
import io.lanchat.protocol.ConversationList;
import io.lanchat.protocol.ConversationOpened;
import io.lanchat.protocol.ConversationSummary;
import io.lanchat.protocol.ConversationUpdated;
import io.lanchat.protocol.CreateConversationRequest;
import io.lanchat.protocol.DeleteConversationRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.ExportConversationRequest;
import io.lanchat.protocol.HistoryCleared;
import io.lanchat.protocol.ImportConversationRequest;
import io.lanchat.protocol.ListConversationsRequest;
import io.lanchat.protocol.OpenConversationRequest;
import io.lanchat.protocol.RenameConversationRequest;
import io.lanchat.protocol.SearchConversationsRequest;
import io.lanchat.protocol.ServerMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The interactive chat's conversation commands ({@code /chats}, {@code /search}, {@code /open}, {@code /new},
 * {@code /rename}, {@code /delete}, {@code /export}, {@code /import}, {@code /key}) and the answers to them.
 * Switching the connection itself ({@code opened}, {@code cleared}) is the session's job; this class says how
 * it looks. Not thread-safe: owned by the session's thread.
 */
final class ConversationCommands {
    /** What the commands need from the session. */
    interface Session {
        /** Sends a request whose answer the prompt waits for; false when not connected. */
        boolean send(ClientMessage request);

        String nextId(String prefix);

        /** The conversation this connection carries, or null. */
        String conversationId();
    }

    private final ConsoleRenderer ui;
    private final ConversationView view;
    private final Session session;
    private final Credentials credentials;

    private final ChatListing listing = new ChatListing();
    private final Set<String> creates = new HashSet<>();
    private final Set<String> opens = new HashSet<>();
    private final Map<String, Path> exports = new HashMap<>();
    private final Map<String, String> deletes = new HashMap<>();     // request id -> what was deleted, for the answer
    private final Set<String> imports = new HashSet<>();
    private final Set<String> ownRequests = new HashSet<>();          // every request sent here, until answered
    private Function<String, Boolean> confirmation;                  // the next line answers a question, or null
    private String title;                                             // the open conversation's, when known

    ConversationCommands(ConsoleRenderer ui, ConversationView view, Session session, Credentials credentials) {
        this.ui = ui;
        this.view = view;
        this.session = session;
        this.credentials = credentials;
    }

    /** Runs the command if it is one of these; false if it is not. */
    boolean run(String name, String argument) {
        switch (name) {
            case "/chats" -> list(argument);
            case "/search" -> search(argument);
            case "/open" -> open(argument);
            case "/new" -> send(new CreateConversationRequest(session.nextId("n"), null, null), creates);
            case "/rename" -> rename(argument);
            case "/delete" -> delete(argument);
            case "/export" -> export(argument);
            case "/import" -> importFrom(argument);
            case "/key" -> view.key(credentials);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** True while an {@code open} or {@code create} awaits its answer: messages typed meanwhile wait for it. */
    boolean switching() {
        return !opens.isEmpty() || !creates.isEmpty();
    }

    /** True when the next line typed answers a question (a confirmation) instead of being sent. */
    boolean confirming() {
        return confirmation != null;
    }

    void answer(String line) {
        Function<String, Boolean> question = confirmation;
        confirmation = null;
        question.apply(line.strip());
    }

    private void list(String argument) {
        if (argument.equalsIgnoreCase("more")) {
            if (!listing.hasMore()) {
                ui.info(listing.isEmpty() ? "Nothing listed yet: /chats lists your conversations."
                        : "That was all of them.");
                return;
            }
            send(listing.nextPage(session.nextId("l")), null);
        } else if (!argument.isEmpty()) {
            ui.info("Usage: /chats lists your conversations, /chats more the next page.");
        } else {
            send(new ListConversationsRequest(session.nextId("l"), null, ChatListing.PAGE), null);
        }
    }

    private void search(String words) {
        if (words.isEmpty()) {
            ui.info("Usage: /search WORDS finds your conversations whose title or messages contain every word.");
            return;
        }
        try {
            send(new SearchConversationsRequest(session.nextId("l"), words, null, ChatListing.PAGE), null);
        } catch (IllegalArgumentException e) {
            ui.info("Cannot search for that: " + e.getMessage() + ".");
        }
    }

    private void open(String argument) {
        String id = conversationArgument(argument, "/open N (a number from /chats) or /open ID");
        if (id != null) {
            send(new OpenConversationRequest(session.nextId("o"), id, null, null), opens);
        }
    }

    private void rename(String newTitle) {
        String id = session.conversationId();
        if (newTitle.isEmpty() || id == null) {
            ui.info(id == null ? "Not connected yet." : "Usage: /rename TITLE renames this conversation.");
            return;
        }
        try {
            send(new RenameConversationRequest(session.nextId("t"), id, newTitle), null);
        } catch (IllegalArgumentException e) {
            ui.info("Cannot use that title: " + e.getMessage() + ".");
        }
    }

    private void delete(String argument) {
        String[] words = argument.isEmpty() ? new String[0] : argument.split("\\s+");
        boolean yes = words.length > 0 && words[words.length - 1].equalsIgnoreCase("yes");
        int n = yes ? words.length - 1 : words.length;
        if (n > 1) {
            ui.info("Usage: /delete [N] [yes]: deletes conversation N of the last list (this one without N).");
            return;
        }
        String id = n == 0 ? session.conversationId() : conversationArgument(words[0], "/delete [N] [yes]");
        if (id == null) {
            return;
        }
        String what = describe(id);
        if (yes) {
            sendDelete(id, what);
            return;
        }
        ui.info("Delete " + what + " for good? It cannot be undone. Type yes to delete it, anything else to keep"
                + " it.");
        ui.prompt();
        confirmation = line -> {
            if (line.equalsIgnoreCase("yes") || line.equalsIgnoreCase("y")) {
                sendDelete(id, what);
            } else {
                ui.info("Kept " + what + ".");
            }
            return true;
        };
    }

    private void sendDelete(String id, String what) {
        String requestId = session.nextId("d");
        if (send(new DeleteConversationRequest(requestId, id), null)) {
            deletes.put(requestId, what);
        }
    }

    private void export(String argument) {
        String id = session.conversationId();
        if (argument.isEmpty() || id == null) {
            ui.info(id == null ? "Not connected yet."
                    : "Usage: /export FILE.md (Markdown, to read) or /export FILE.json (to /import again).");
            return;
        }
        Path file = ExportFiles.path(argument);
        try {
            String requestId = session.nextId("e");
            if (send(new ExportConversationRequest(requestId, id, ExportFiles.formatOf(file)), null)) {
                exports.put(requestId, file);
            }
        } catch (UsageException e) {
            ui.info("Cannot export to " + file + ": " + e.getMessage() + ".");
        }
    }

    private void importFrom(String argument) {
        if (argument.isEmpty()) {
            ui.info("Usage: /import FILE.json stores a conversation exported as JSON as a new one of yours.");
            return;
        }
        Path file = ExportFiles.path(argument);
        try {
            send(new ImportConversationRequest(session.nextId("i"), ExportFiles.read(file)), imports);
        } catch (IOException e) {
            ui.info("Cannot read " + file + ": " + Failures.describe(e) + ".");
        } catch (IllegalArgumentException e) {
            ui.info("Cannot import " + file + ": it is empty.");
        }
    }

    /** "N" from the last list, or a conversation id; null (and a line saying why) when it is neither. */
    private String conversationArgument(String argument, String usage) {
        if (argument.isEmpty()) {
            ui.info("Usage: " + usage + ".");
            return null;
        }
        if (argument.chars().allMatch(Character::isDigit) && argument.length() <= 6) {
            ChatListing.Pick pick = listing.pick(Integer.parseInt(argument));
            if (pick.problem() != null) {
                ui.info(pick.problem());
            }
            return pick.id();
        }
        return argument;
    }

    private String describe(String id) {
        if (id.equals(session.conversationId())) {
            return title == null ? "this conversation" : "\"" + title + "\" (this conversation)";
        }
        return listing.titleOf(id).map(t -> "\"" + t + "\"").orElse("conversation " + id);
    }

    private boolean send(ClientMessage request, Set<String> kind) {
        if (!session.send(request)) {
            ui.info("Not connected; try again when the connection is back.");
            return false;
        }
        ownRequests.add(request.id());
        if (kind != null) {
            kind.add(request.id());
        }
        return true;
    }

    /**
     * A conversation was opened or created on this connection: shows it.
     *
     * @return true for a new conversation (from {@code /new})
     */
    boolean opened(ConversationOpened opened) {
        boolean created = creates.remove(opened.id());
        opens.remove(opened.id());
        ownRequests.remove(opened.id());
        title = opened.conversation().title();
        view.opened(opened, created);
        return created;
    }

    /** The words for a {@code cleared} frame: after {@code /reset}, or after deleting the open conversation. */
    String cleared(HistoryCleared cleared) {
        title = null;
        if (cleared.sessionId() == null) {
            return "* Conversation cleared; the next message starts a new one.";
        }
        return deletes.remove(cleared.id()) != null
                ? "* You are in a new, empty conversation now."
                : "* New conversation; the one you left is kept (/chats lists it).";
    }

    /** Shows an answer to one of these commands; false when the frame is not one. */
    boolean onFrame(ServerMessage frame) {
        if (frame instanceof ConversationList list && ownRequests.remove(list.id())) {
            int first = listing.add(list);
            view.list(list.conversations(), first, session.conversationId(), list.query(), listing.hasMore());
        } else if (frame instanceof ConversationUpdated updated && ownRequests.remove(updated.id())) {
            onUpdated(updated.id(), updated.conversation());
        } else if (frame instanceof ConversationDeleted deleted && ownRequests.remove(deleted.id())) {
            listing.deleted(deleted.conversationId());
            // When it was the open conversation, a cleared frame follows, which reads the description again.
            String what = deleted.conversationId().equals(session.conversationId())
                    ? deletes.get(deleted.id()) : deletes.remove(deleted.id());
            ui.info("* Deleted " + (what == null ? "the conversation" : what) + ".");
        } else if (frame instanceof ConversationExport export && ownRequests.remove(export.id())) {
            Path file = exports.remove(export.id());
            try {
                ExportFiles.write(file, export.content());
                ui.info("* Exported to " + file + " (" + export.format() + ").");
            } catch (IOException | RuntimeException e) {
                ui.info("Cannot write " + file + ": " + Failures.describe(e) + "; nothing was written.");
            }
        } else {
            return false;
        }
        return true;
    }

    private void onUpdated(String requestId, ConversationSummary c) {
        if (imports.remove(requestId)) {
            ui.info("* Imported as \"" + c.title() + "\" (" + c.messages() + " messages): /chats lists it, /open "
                    + c.id() + " opens it.");
            return;
        }
        listing.updated(c);
        if (c.id().equals(session.conversationId())) {
            title = c.title();
        }
        ui.info("* Renamed to \"" + c.title() + "\".");
    }

    /**
     * An error frame: shows it when it answers one of these commands.
     *
     * @return false when it answers something else
     */
    boolean onError(ErrorMessage error) {
        String id = error.id();
        if (id == null || !ownRequests.remove(id)) {
            return false;
        }
        boolean opening = opens.remove(id) | creates.remove(id);
        Path export = exports.remove(id);
        boolean imported = imports.remove(id);
        deletes.remove(id);
        if (error.code() == ErrorCode.NOT_FOUND) {
            ui.info("No such conversation: it was deleted, or it is not yours (it belongs to another owner key)."
                    + " /chats lists yours.");
        } else if (error.code() == ErrorCode.NOT_SAVED) {
            ui.notSaved(error.message());
        } else {
            ui.error(error);
            if (opening) {
                ui.info("You are still in the same conversation.");
            } else if (export != null) {
                ui.info("Nothing was written to " + export + ".");
            } else if (imported) {
                ui.info("Nothing was imported: is the file a JSON export (/export FILE.json)?");
            }
        }
        return true;
    }
}
