package io.lanchat.server.library;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lanchat.protocol.ConversationSettings;
import io.lanchat.server.config.OptionRules;
import io.lanchat.server.session.Titles;
import io.lanchat.server.store.MessageState;
import io.lanchat.server.store.StoredMessage;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a JSON export back, checking everything: an import is untrusted input. Every problem is an
 * {@link IllegalArgumentException} whose message tells the user what is wrong.
 */
final class ImportParser {
    /** The parts of an import worth keeping. */
    record Imported(String title, ConversationSettings settings, Instant createdAt, List<StoredMessage> messages) {
    }

    /** The most messages one import may hold (a frame of --max-frame-bytes bounds its size too). */
    static final int MAX_MESSAGES = 10_000;

    private final OptionRules optionRules;
    private final int maxMessageChars;

    ImportParser(OptionRules optionRules, int maxMessageChars) {
        this.optionRules = optionRules;
        this.maxMessageChars = maxMessageChars;
    }

    Imported parse(String content) {
        ExportDocument document;
        try {
            document = ExportFormats.JSON.readValue(content, ExportDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The import is not a conversation export: "
                    + e.getOriginalMessage());
        }
        if (document == null || !ExportDocument.FORMAT.equals(document.format())) {
            throw new IllegalArgumentException("The import is not a conversation export (its \"format\" must be \""
                    + ExportDocument.FORMAT + "\").");
        }
        if (document.version() != ExportDocument.VERSION) {
            throw new IllegalArgumentException("This server reads exports of version " + ExportDocument.VERSION
                    + ", not " + document.version() + ".");
        }
        if (document.messages() == null || document.messages().isEmpty()) {
            throw new IllegalArgumentException("The import has no messages.");
        }
        if (document.messages().size() > MAX_MESSAGES) {
            throw new IllegalArgumentException("The import has " + document.messages().size() + " messages; one"
                    + " conversation may bring at most " + MAX_MESSAGES + ".");
        }
        ConversationSettings settings = document.settings() == null ? ConversationSettings.defaults()
                : document.settings();
        if (settings.options() != null) {
            String problem = optionRules.violation(settings.options());
            if (problem != null) {
                throw new IllegalArgumentException("The import's settings: " + problem);
            }
        }
        Instant now = Instant.now();
        List<StoredMessage> messages = new ArrayList<>(document.messages().size());
        for (ExportDocument.Message m : document.messages()) {
            messages.add(message(messages.size(), m, now));
        }
        return new Imported(title(document.title(), messages), settings, time(document.createdAt(), now), messages);
    }

    private StoredMessage message(int seq, ExportDocument.Message m, Instant now) {
        String where = "message " + (seq + 1);
        if (m == null || m.content() == null) {
            throw new IllegalArgumentException("The import's " + where + " has no content.");
        }
        if (!"user".equals(m.role()) && !"assistant".equals(m.role())) {
            throw new IllegalArgumentException("The import's " + where + " has role " + m.role()
                    + "; only user and assistant are kept.");
        }
        int limit = "user".equals(m.role()) ? maxMessageChars : Integer.MAX_VALUE;
        if (m.content().length() > limit) {
            throw new IllegalArgumentException("The import's " + where + " has " + m.content().length()
                    + " characters; messages are limited to " + limit + ".");
        }
        MessageState state;
        try {
            state = m.state() == null ? MessageState.COMPLETE
                    : MessageState.valueOf(m.state().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("The import's " + where + " has state " + m.state()
                    + "; it must be complete, pending, cancelled or interrupted.");
        }
        String model = m.model() == null ? null : new ConversationSettings(m.model(), null, null).model();
        return new StoredMessage(seq, m.role(), m.content(), state, model, m.stats(), time(m.createdAt(), now),
                "assistant".equals(m.role()) ? m.thinking() : null, null, null,
                // A room member's name, checked as when joining; a name that would not pass is dropped.
                "user".equals(m.role()) ? io.lanchat.server.room.MemberNames.check(m.author()) : null);
    }

    /** The export's title made safe (control characters become spaces), else one from the first message. */
    private static String title(String given, List<StoredMessage> messages) {
        if (given != null) {
            String clean = given.replaceAll("\\p{Cntrl}+", " ").strip();
            if (!clean.isEmpty()) {
                return clean.length() > 200 ? clean.substring(0, 200) : clean;
            }
        }
        return Titles.fromMessage(messages.get(0).content());
    }

    private static Instant time(String text, Instant fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }
}
