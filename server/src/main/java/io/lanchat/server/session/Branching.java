package io.lanchat.server.session;

import io.lanchat.server.store.StoredBranch;
import io.lanchat.server.store.StoredMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Versions of messages, as a session sees them: a conversation is a tree whose shown path is the session's turns.
 * A message gets a new version by regenerate (a reply) or edit (a user message); the branch shown from that message
 * on (the later turns, a pending message and their own versions) is then kept whole as a hidden version, never
 * dropped, and the new version is shown. Showing another version of a message hides the branch shown from it and
 * shows that version's branch in its place, so the conversation (and the history the next reply sees) follows the
 * version shown.
 *
 * <p>Pure functions of immutable sessions. Only held turns can be versioned or switched: a message older than the
 * session holds is refused ({@link IllegalArgumentException}), the caller checks first and answers the client.
 */
public final class Branching {
    private Branching() {
    }

    /** Whether message {@code seq} is one of the session's held turns. */
    public static boolean holds(Session session, int seq) {
        return seq >= session.info().firstSeq() && seq < session.nextSeq();
    }

    /**
     * The session with {@code newTail} (turns from message {@code fromSeq} on) shown as the newest version of
     * message {@code fromSeq}; the branch shown before is kept as a hidden version.
     */
    public static Session withNewVersion(Session session, int fromSeq, List<Turn> newTail) {
        requireHeld(session, fromSeq);
        StoredBranch current = VersionRecords.shownFrom(session, fromSeq);
        VersionSlot slot = session.versions().slot(fromSeq);
        VersionSlot next = slot == null ? VersionSlot.first(current) : slot.withNewVersion(current);
        List<Turn> turns = new ArrayList<>(session.turns().subList(0, fromSeq - session.info().firstSeq()));
        turns.addAll(newTail);
        return new Session(session.id(), session.secret(), turns, null, session.info().touched(),
                session.versions().before(fromSeq).with(fromSeq, next));
    }

    /**
     * The session showing version {@code version} of message {@code seq} (the same session when it is shown
     * already).
     *
     * @throws IllegalArgumentException when the message is not held, has one version only, or has no such version
     */
    public static Session showing(Session session, int seq, int version) {
        requireHeld(session, seq);
        VersionSlot slot = session.versions().slot(seq);
        if (slot == null || version < 1 || version > slot.count()) {
            throw new IllegalArgumentException("message " + seq + " has no version " + version);
        }
        if (version == slot.shown()) {
            return session;
        }
        StoredBranch target = slot.branch(version);
        VersionSlot next = slot.showing(version, VersionRecords.shownFrom(session, seq));
        List<Turn> turns = new ArrayList<>(session.turns().subList(0, seq - session.info().firstSeq()));
        PendingMessage waiting = null;
        for (StoredMessage m : target.messages()) {
            if (VersionRecords.pending(m)) {
                waiting = new PendingMessage(m.content(), m.model(), null);
            } else {
                turns.add(VersionRecords.turn(m));
            }
        }
        MessageVersions versions = session.versions().before(seq).with(seq, next)
                .plus(VersionRecords.slots(target.versions()));
        return new Session(session.id(), session.secret(), turns, waiting, session.info().touched(), versions);
    }

    private static void requireHeld(Session session, int seq) {
        if (!holds(session, seq)) {
            throw new IllegalArgumentException("message " + seq + " is not held");
        }
    }
}
