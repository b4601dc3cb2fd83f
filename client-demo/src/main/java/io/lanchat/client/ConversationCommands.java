package io.lanchat.client;

import io.lanchat.protocol.CreateConversationRequest;
import io.lanchat.protocol.DeleteConversationRequest;
import io.lanchat.protocol.ExportConversationRequest;
import io.lanchat.protocol.ImportConversationRequest;
import io.lanchat.protocol.ListConversationsRequest;
import io.lanchat.protocol.OpenConversationRequest;
import io.lanchat.protocol.RenameConversationRequest;
import io.lanchat.protocol.SearchConversationsRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The interactive chat's conversation commands ({@code /chats}, {@code /search}, {@code /open}, {@code /new},
 * {@code /rename}, {@code /delete}, {@code /export}, {@code /import}, {@code /key}): checks what was typed and
 * sends the request; {@link ConversationAnswers} shows the answers. Not thread-safe: owned by the session's thread.
 */
final class ConversationCommands {
    private final ConsoleRenderer ui;
    private final ConversationView view;
    private final ConversationRequests requests;
    private final Credentials credentials;
    private Consumer<String> confirmation;      // the next line answers a question, or null

    ConversationCommands(ConsoleRenderer ui, ConversationView view, ConversationRequests requests,
                         Credentials credentials) {
        this.ui = ui;
        this.view = view;
        this.requests = requests;
        this.credentials = credentials;
    }

    /** Runs the command if it is one of these; false if it is not. */
    boolean run(String name, String argument) {
        switch (name) {
            case "/chats" -> list(argument);
            case "/search" -> search(argument);
            case "/open" -> open(argument);
            case "/new" -> requests.send(new CreateConversationRequest(requests.nextId("n"), null, null),
                    new PendingRequest.Create());
            case "/rename" -> rename(argument);
            case "/delete" -> delete(argument);
            case "/export" -> export(argument);
            case "/import" -> importFrom(argument);
            case "/key" -> view.key(credentials);
            case "/history" -> history();
            default -> {
                return false;
            }
        }
        return true;
    }

    /** True when the next line typed answers a question (a confirmation) instead of being sent. */
    boolean confirming() {
        return confirmation != null;
    }

    void answer(String line) {
        Consumer<String> question = confirmation;
        confirmation = null;
        question.accept(line.strip());
    }

    private void list(String argument) {
        ChatListing listing = requests.listing();
        if (argument.equalsIgnoreCase("more")) {
            if (!listing.hasMore()) {
                ui.info(listing.isEmpty() ? "Nothing listed yet: /chats lists your conversations."
                        : "That was all of them.");
                return;
            }
            requests.send(listing.nextPage(requests.nextId("l")), new PendingRequest.Listing());
        } else if (!argument.isEmpty()) {
            ui.info("Usage: /chats lists your conversations, /chats more the next page.");
        } else {
            requests.send(new ListConversationsRequest(requests.nextId("l"), null, ChatListing.PAGE),
                    new PendingRequest.Listing());
        }
    }

    private void search(String words) {
        if (words.isEmpty()) {
            ui.info("Usage: /search WORDS finds your conversations whose title or messages contain every word.");
            return;
        }
        try {
            requests.send(new SearchConversationsRequest(requests.nextId("l"), words, null, ChatListing.PAGE),
                    new PendingRequest.Listing());
        } catch (IllegalArgumentException e) {
            ui.info("Cannot search for that: " + e.getMessage() + ".");
        }
    }

    private void open(String argument) {
        String id = conversationArgument(argument, "/open N (a number from /chats) or /open ID");
        if (id != null) {
            requests.send(new OpenConversationRequest(requests.nextId("o"), id, null, null),
                    new PendingRequest.Open());
        }
    }

    /** Opens the open conversation again: its {@code opened} answer is shown numbered, with versions. */
    private void history() {
        String id = requests.conversationId();
        if (id == null) {
            ui.info("Not connected yet.");
            return;
        }
        requests.send(new OpenConversationRequest(requests.nextId("h"), id, null, null),
                new PendingRequest.History());
    }

    private void rename(String newTitle) {
        String id = requests.conversationId();
        if (newTitle.isEmpty() || id == null) {
            ui.info(id == null ? "Not connected yet." : "Usage: /rename TITLE renames this conversation.");
            return;
        }
        try {
            requests.send(new RenameConversationRequest(requests.nextId("t"), id, newTitle),
                    new PendingRequest.Rename());
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
        String id = n == 0 ? requests.conversationId() : conversationArgument(words[0], "/delete [N] [yes]");
        if (id == null) {
            return;
        }
        String what = requests.describe(id);
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
        };
    }

    private void sendDelete(String id, String what) {
        requests.send(new DeleteConversationRequest(requests.nextId("d"), id), new PendingRequest.Delete(id, what));
    }

    private void export(String argument) {
        String id = requests.conversationId();
        if (argument.isEmpty() || id == null) {
            ui.info(id == null ? "Not connected yet."
                    : "Usage: /export FILE.md (Markdown, to read) or /export FILE.json (to /import again).");
            return;
        }
        Path file = ExportFiles.path(argument);
        try {
            requests.send(new ExportConversationRequest(requests.nextId("e"), id, ExportFiles.formatOf(file)),
                    new PendingRequest.Export(file));
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
            requests.send(new ImportConversationRequest(requests.nextId("i"), ExportFiles.read(file)),
                    new PendingRequest.Import());
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
            ChatListing.Pick pick = requests.listing().pick(Integer.parseInt(argument));
            if (pick.problem() != null) {
                ui.info(pick.problem());
            }
            return pick.id();
        }
        return argument;
    }
}
