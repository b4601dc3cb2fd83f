package io.lanchat.server.session;

import io.lanchat.protocol.ConversationSettings;
import io.lanchat.protocol.ConversationSummary;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.ThinkMode;
import io.lanchat.protocol.VersionInfo;
import io.lanchat.server.store.ConversationRecord;
import io.lanchat.server.store.MessageState;
import io.lanchat.server.store.StoredConversation;
import io.lanchat.server.store.StoredMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Translates between sessions held in memory, the store's rows, and what the protocol shows of them. */
public final class SessionRecords {
    private SessionRecords() {
    }

    /** The conversation's own row. */
    public static ConversationRecord record(Session session) {
        ConversationInfo info = session.info();
        ConversationSettings settings = info.settings();
        return new ConversationRecord(session.id(), info.owner(), title(session), settings.model(),
                settings.system(), settings.options(), info.createdAt(), info.updatedAt(), session.messageCount(),
                settings.think() == null ? null : settings.think().wireName());
    }

    /** Whether lists show it: once it has a message, or a title or settings its owner gave it. */
    public static boolean listable(Session session) {
        ConversationInfo info = session.info();
        return session.messageCount() > 0 || info.title() != null
                || !info.settings().equals(ConversationSettings.defaults());
    }

    /** The row as lists show it: the model setting, or else the model of the last reply. */
    public static ConversationRecord listed(Session session) {
        ConversationRecord r = record(session);
        return r.model() != null ? r : new ConversationRecord(r.id(), r.owner(), r.title(), lastModel(session),
                r.system(), r.options(), r.createdAt(), r.updatedAt(), r.messageCount(), r.think());
    }

    /** The user message waiting for its reply, as the next message. Empty when nothing waits. */
    public static List<StoredMessage> pending(Session session) {
        PendingMessage waiting = session.waiting();
        if (waiting == null) {
            return List.of();
        }
        return List.of(new StoredMessage(session.nextSeq(), Role.USER.wireName(), waiting.text(),
                MessageState.PENDING, waiting.model(), null, Instant.now(), null, null, waiting.images(),
                waiting.author()));
    }

    /** The newest {@code count} turns held. */
    public static List<StoredMessage> newest(Session session, int count) {
        List<Turn> turns = session.turns();
        int from = Math.max(0, turns.size() - count);
        List<StoredMessage> messages = new ArrayList<>();
        for (int i = from; i < turns.size(); i++) {
            messages.add(message(turns.get(i), session.info().firstSeq() + i));
        }
        return messages;
    }

    /** Every turn held and the pending message. */
    public static List<StoredMessage> all(Session session) {
        List<StoredMessage> messages = new ArrayList<>(newest(session, session.turns().size()));
        messages.addAll(pending(session));
        return messages;
    }

    static StoredMessage message(Turn turn, int seq) {
        MessageState state = turn.cancelled() ? MessageState.CANCELLED
                : turn.interrupted() ? MessageState.INTERRUPTED : MessageState.COMPLETE;
        return new StoredMessage(seq, turn.role().wireName(), turn.content(), state, turn.model(), turn.stats(),
                turn.at() != null ? turn.at() : Instant.now(), turn.thinking(), turn.thinkingMs(), turn.attachments(),
                turn.author());
    }

    /**
     * A stored conversation as a session, under a new resume secret. A user message left pending at the end (its
     * reply never finished: the server stopped) becomes the message waiting for a retry; a reply cut off by a
     * stop stays in the history, marked interrupted.
     */
    public static Session toSession(StoredConversation stored, String secret) {
        ConversationRecord record = stored.record();
        List<StoredMessage> messages = stored.messages();
        PendingMessage waiting = null;
        int held = messages.size();
        if (held > 0) {
            StoredMessage last = messages.get(held - 1);
            if (last.state() == MessageState.PENDING && Role.USER.wireName().equals(last.role())) {
                waiting = new PendingMessage(last.content(), last.model(), null, null, last.attachments(), last.author());
                held--;
            }
        }
        List<Turn> turns = new ArrayList<>(held);
        for (int i = 0; i < held; i++) {
            StoredMessage m = messages.get(i);
            Role role = Role.USER.wireName().equals(m.role()) ? Role.USER : Role.ASSISTANT;
            turns.add(new Turn(role, m.content(), m.state() == MessageState.CANCELLED, m.model(), m.stats(),
                    m.state() == MessageState.INTERRUPTED, m.createdAt(), m.thinking(), m.thinkingMs(), m.attachments(),
                    m.author()));
        }
        int firstSeq = messages.isEmpty() ? record.messageCount() : messages.get(0).seq();
        ConversationInfo info = new ConversationInfo(record.owner(), record.title(), settings(record),
                record.createdAt(), record.updatedAt(), firstSeq);
        return new Session(record.id(), secret, turns, waiting, info, VersionRecords.slots(stored.versions()));
    }

    /** How lists show a conversation. */
    public static ConversationSummary summary(ConversationRecord record, boolean streaming) {
        return new ConversationSummary(record.id(), record.title(), record.model(), record.createdAt().toString(),
                record.updatedAt().toString(), record.messageCount(), streaming);
    }

    /** How lists show a conversation held in memory. */
    public static ConversationSummary summary(Session session, boolean streaming) {
        ConversationSummary fromRecord = summary(record(session), streaming);
        String model = fromRecord.model() != null ? fromRecord.model() : lastModel(session);
        return new ConversationSummary(fromRecord.id(), fromRecord.title(), model, fromRecord.createdAt(),
                fromRecord.updatedAt(), fromRecord.messages(), streaming);
    }

    public static ConversationSettings settings(ConversationRecord record) {
        return new ConversationSettings(record.model(), record.system(),
                record.options().isEmpty() ? null : record.options(), ThinkMode.fromWire(record.think()));
    }

    /** The held turns as a client restores them, each with its number and, when it has several, its versions. */
    public static List<HistoryMessage> history(Session session) {
        List<HistoryMessage> history = new ArrayList<>(session.turns().size());
        int seq = session.info().firstSeq();
        for (Turn t : session.turns()) {
            VersionSlot slot = session.versions().slot(seq);
            history.add(new HistoryMessage(t.role().wireName(), t.content(), t.cancelled(),
                    t.role() == Role.ASSISTANT ? t.model() : null, t.interrupted(), t.thinking(), seq,
                    slot == null ? null : new VersionInfo(slot.shown(), slot.count()), t.thinkingMs(),
                    t.attachments(), t.author()));
            seq++;
        }
        return history;
    }

    private static String title(Session session) {
        String title = session.info().title();
        if (title != null) {
            return title;
        }
        if (!session.turns().isEmpty()) {
            return Titles.fromMessage(session.turns().get(0).content());
        }
        return session.waiting() != null ? Titles.fromMessage(session.waiting().text()) : Titles.UNTITLED;
    }

    private static String lastModel(Session session) {
        for (int i = session.turns().size() - 1; i >= 0; i--) {
            if (session.turns().get(i).model() != null) {
                return session.turns().get(i).model();
            }
        }
        return session.waiting() == null ? null : session.waiting().model();
    }
}
