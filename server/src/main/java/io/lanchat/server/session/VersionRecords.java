package io.lanchat.server.session;

import io.lanchat.server.store.MessageState;
import io.lanchat.server.store.StoredBranch;
import io.lanchat.server.store.StoredMessage;
import io.lanchat.server.store.StoredVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Translates message versions between a session's slots and the store's rows and branches. */
public final class VersionRecords {
    private VersionRecords() {
    }

    /** The store's rows for {@code versions}: per slot, one row per version, the shown one without a branch. */
    public static List<StoredVersion> rows(MessageVersions versions) {
        List<StoredVersion> rows = new ArrayList<>();
        versions.slots().forEach((seq, slot) -> {
            for (int v = 1; v <= slot.count(); v++) {
                rows.add(new StoredVersion(seq, v, v == slot.shown() ? null : slot.branch(v)));
            }
        });
        return rows;
    }

    /** The slots described by the store's rows (rows of a message without a shown row, or with one row, are skipped). */
    public static MessageVersions slots(List<StoredVersion> rows) {
        TreeMap<Integer, List<StoredVersion>> bySeq = new TreeMap<>();
        for (StoredVersion row : rows) {
            bySeq.computeIfAbsent(row.seq(), k -> new ArrayList<>()).add(row);
        }
        TreeMap<Integer, VersionSlot> slots = new TreeMap<>();
        bySeq.forEach((seq, versions) -> {
            versions.sort(java.util.Comparator.comparingInt(StoredVersion::version));
            int shown = 0;
            List<StoredBranch> hidden = new ArrayList<>();
            for (StoredVersion v : versions) {
                if (v.shown()) {
                    shown = hidden.size() + 1;
                } else {
                    hidden.add(v.branch());
                }
            }
            if (shown > 0 && !hidden.isEmpty()) {
                slots.put(seq, new VersionSlot(shown, hidden));
            }
        });
        return new MessageVersions(slots);
    }

    /** The branch shown from message {@code seq} on: its held turns, the pending message and their versions. */
    static StoredBranch shownFrom(Session session, int seq) {
        int first = session.info().firstSeq();
        List<StoredMessage> messages = new ArrayList<>();
        for (int i = seq - first; i < session.turns().size(); i++) {
            messages.add(SessionRecords.message(session.turns().get(i), first + i));
        }
        PendingMessage waiting = session.waiting();
        if (waiting != null) {
            messages.add(new StoredMessage(session.nextSeq(), Role.USER.wireName(), waiting.text(),
                    MessageState.PENDING, waiting.model(), null, Instant.now()));
        }
        return new StoredBranch(messages, rows(session.versions().from(seq + 1)));
    }

    /** A stored message as a turn. */
    static Turn turn(StoredMessage m) {
        Role role = Role.USER.wireName().equals(m.role()) ? Role.USER : Role.ASSISTANT;
        return new Turn(role, m.content(), m.state() == MessageState.CANCELLED, m.model(), m.stats(),
                m.state() == MessageState.INTERRUPTED, m.createdAt(), m.thinking(), m.thinkingMs());
    }

    /** Whether {@code m} is a user message still waiting for its reply. */
    static boolean pending(StoredMessage m) {
        return m.state() == MessageState.PENDING && Role.USER.wireName().equals(m.role());
    }
}
