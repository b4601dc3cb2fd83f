package io.lanchat.client;

import io.lanchat.protocol.ConversationOpened;
import io.lanchat.protocol.ConversationSummary;
import io.lanchat.protocol.HistoryMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * How conversations look in the terminal: list lines ({@code /chats}, {@code /search}) and the transcript printed
 * when one is opened, in the same shape as the live chat (your messages after the prompt sign, replies as text).
 */
final class ConversationView {
    static final int TITLE_WIDTH = 40;
    private static final DateTimeFormatter SAME_YEAR = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter OTHER_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final ConsoleRenderer ui;
    private final Clock clock;

    ConversationView(ConsoleRenderer ui, Clock clock) {
        this.ui = ui;
        this.clock = clock;
    }

    /** A page of a listing; {@code first} is the number of its first line (pages go on counting). */
    void list(List<ConversationSummary> page, int first, String current, String query, boolean more) {
        if (page.isEmpty() && first == 1) {
            ui.info(query == null ? "No conversations yet: type a message to start one."
                    : "No conversations contain \"" + query + "\".");
            return;
        }
        if (first == 1) {
            ui.info(query == null ? "Your conversations, newest first:" : "Conversations with \"" + query + "\":");
        }
        for (int i = 0; i < page.size(); i++) {
            ConversationSummary c = page.get(i);
            ui.info(line(first + i, c, c.id().equals(current)));
        }
        ui.info(more ? "/chats more shows the next ones; /open N opens one."
                : "/open N opens one; /new starts a new conversation.");
    }

    /** One listing line: number, title, model, when, size, and whether a reply is being written in it. */
    String line(int number, ConversationSummary c, boolean current) {
        return String.format(Locale.ROOT, "%s%3d. %-" + TITLE_WIDTH + "s  %-14s %-12s %4d msg%s%s",
                current ? "*" : " ", number, fit(c.title(), TITLE_WIDTH), c.model() == null ? "-" : fit(c.model(), 14),
                when(c.updatedAt()), c.messages(), c.messages() == 1 ? " " : "s",
                c.streaming() ? "  [live: a reply is being written]" : "");
    }

    /** "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", then a short date. */
    String when(String iso) {
        Instant then;
        try {
            then = Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return fit(iso, 12);
        }
        Instant now = clock.instant();
        Duration age = Duration.between(then, now);
        if (age.toMinutes() < 1) {
            return "just now";
        } else if (age.toHours() < 1) {
            return age.toMinutes() + " min ago";
        } else if (age.toDays() < 1) {
            return age.toHours() + " h ago";
        } else if (age.toDays() < 2) {
            return "yesterday";
        } else if (age.toDays() < 7) {
            return age.toDays() + " days ago";
        }
        ZoneId zone = clock.getZone();
        ZonedDateTime date = then.atZone(zone);
        return (date.getYear() == now.atZone(zone).getYear() ? SAME_YEAR : OTHER_YEAR).format(date);
    }

    /** The conversation just opened: a heading and its history; the reply still streaming follows live. */
    void opened(ConversationOpened opened, boolean created) {
        ConversationSummary c = opened.conversation();
        if (created) {
            ui.info("* New conversation (the one you left is kept: /chats lists it).");
            return;
        }
        ui.info("* Opened \"" + c.title() + "\" (" + c.messages() + " message" + (c.messages() == 1 ? "" : "s")
                + (c.model() == null ? "" : ", " + c.model()) + ", updated " + when(c.updatedAt()) + "; id " + c.id()
                + ").");
        List<HistoryMessage> history = opened.history();
        if (history.size() < c.messages()) {
            ui.info("(the last " + history.size() + " of its " + c.messages() + " messages)");
        }
        for (HistoryMessage m : history) {
            if (m.role().equals("user")) {
                ui.info(ConsoleRenderer.PROMPT + m.attributed());
            } else {
                ui.info(m.content());
                if (m.interrupted()) {
                    ui.info("[interrupted: the server stopped while writing it]");
                } else if (m.cancelled()) {
                    ui.info("[stopped]");
                }
            }
        }
        if (opened.pending() != null) {
            ui.info(ConsoleRenderer.PROMPT + opened.pending());
            if (opened.reply() == null) {
                ui.info("(its reply failed; type /retry to send it again)");
            }
        }
        if (opened.reply() != null) {
            ui.info("[the reply is still being written" + " (" + opened.reply().model() + "); it goes on here]");
        }
    }

    /** {@code /history}: the conversation's messages, numbered (for {@code /edit} and {@code /version}). */
    void numbered(ConversationOpened opened) {
        ConversationSummary c = opened.conversation();
        if (opened.history().size() < c.messages()) {
            ui.info("(the last " + opened.history().size() + " of its " + c.messages() + " messages)");
        }
        if (opened.history().isEmpty()) {
            ui.info("(no messages yet)");
        }
        for (HistoryMessage m : opened.history()) {
            ui.info(VersionCommands.numbered(m));
        }
        if (opened.pending() != null) {
            ui.info(ConsoleRenderer.PROMPT + opened.pending() + (opened.reply() == null
                    ? " (its reply failed; /retry sends it again)" : " (its reply is being written)"));
        }
    }

    /** {@code /key}: the owner key, with what it gives access to and how to take the chats to another device. */
    void key(Credentials credentials) {
        if (credentials.accessToken() != null) {
            ui.info("This client signs in with an access token: your chats belong to its user, on any device that"
                    + " uses it. There is no owner key.");
        } else if (credentials.ownerKey() == null) {
            ui.info("No owner key yet: the server has not issued one (an older server, or not connected yet).");
        } else {
            ui.info("Your owner key (keep it secret: whoever has it can read, continue and delete all your chats):");
            ui.info("  " + credentials.ownerKey());
            ui.info("To take your chats to another device, give this key to the client there: put it in its"
                    + " ~/.lanchat/owner-key file, or start it with --owner-key KEY (or LANCHAT_OWNER_KEY).");
        }
    }

    private static String fit(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 3) + "...";
    }
}
