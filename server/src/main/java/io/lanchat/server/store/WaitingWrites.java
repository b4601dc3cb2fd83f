package io.lanchat.server.store;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The latest unsaved state of each conversation being written: every save puts its record and messages here first
 * (merged into what is waiting: the newest record, messages by seq with later ones replacing earlier), the lane
 * writes what is here, and a successful write takes it out again. So a failed write is simply left here, and the
 * retry writes the newest state, never an older one. Entries whose write failed count as waiting writes; the total
 * is bounded by characters, the oldest failed entries dropped first. Thread-safe; used by the store's own threads
 * (lanes and timer) only, never by a caller's: its lock must never be taken on a network event loop.
 * {@link #failedCount()} reads without the lock, for health reports from any thread.
 */
final class WaitingWrites {

    /** One conversation's unsaved state; {@code version} grows with every merge. */
    record Entry(ConversationRecord record, List<StoredMessage> messages, long version) {
    }

    private static final class State {
        ConversationRecord record;
        final TreeMap<Integer, StoredMessage> messages = new TreeMap<>();
        long version;
        long chars;
        boolean failed;
    }

    private final long budgetChars;
    // Insertion order is age: a merge re-inserts, so the first entries are the ones untouched longest.
    private final LinkedHashMap<String, State> entries = new LinkedHashMap<>();
    private long totalChars;
    private long dropped;
    /** Entries whose write failed, kept in step under the lock and read without it. */
    private final java.util.concurrent.atomic.AtomicInteger failedEntries = new java.util.concurrent.atomic.AtomicInteger();

    WaitingWrites(long budgetChars) {
        this.budgetChars = budgetChars;
    }

    /** The key of a conversation: per owner, so a save under another owner never merges with the owner's data. */
    static String key(String owner, String id) {
        return owner + '\0' + id;
    }

    /** Merges a save into what is waiting for its conversation; returns the merged version. */
    synchronized long merge(ConversationRecord record, List<StoredMessage> messages) {
        String key = key(record.owner(), record.id());
        State s = entries.remove(key);
        if (s == null) {
            s = new State();
        }
        totalChars -= s.chars;
        s.record = record;
        for (StoredMessage m : messages) {
            s.messages.put(m.seq(), m);
        }
        s.chars = chars(s);
        s.version++;
        entries.put(key, s);
        totalChars += s.chars;
        return s.version;
    }

    /** What to write now for this conversation; null when nothing is waiting (an earlier write took it). */
    synchronized Entry snapshot(String key) {
        State s = entries.get(key);
        return s == null ? null : new Entry(s.record, List.copyOf(s.messages.values()), s.version);
    }

    /** Forgets what is waiting for a conversation (deleted): a retry must not write it back. */
    synchronized void forget(String key) {
        State s = entries.remove(key);
        if (s != null) {
            totalChars -= s.chars;
            if (s.failed) {
                failedEntries.decrementAndGet();
            }
        }
    }

    /** Drops the waiting messages from {@code seq} on (they were discarded), so a retry does not write them. */
    synchronized void dropFrom(String key, int seq) {
        State s = entries.get(key);
        if (s != null) {
            totalChars -= s.chars;
            s.messages.tailMap(seq, true).clear();
            s.chars = chars(s);
            totalChars += s.chars;
        }
    }

    /** The write of {@code version} succeeded (or can never succeed): forget it unless a newer save came since. */
    synchronized void written(String key, long version) {
        State s = entries.get(key);
        if (s != null && s.version == version) {
            entries.remove(key);
            totalChars -= s.chars;
            if (s.failed) {
                failedEntries.decrementAndGet();
            }
        }
    }

    /** The write failed: keep it for the retries, within the budget. Returns how many entries were dropped. */
    synchronized int failed(String key) {
        State s = entries.get(key);
        if (s != null && !s.failed) {
            s.failed = true;
            failedEntries.incrementAndGet();
        }
        int before = entries.size();
        Iterator<State> oldest = entries.values().iterator();
        while (totalChars > budgetChars && oldest.hasNext()) {
            State o = oldest.next();
            if (o.failed) {
                oldest.remove();
                totalChars -= o.chars;
                dropped++;
                failedEntries.decrementAndGet();
            }
        }
        return before - entries.size();
    }

    /** Keys of the conversations whose last write failed, oldest first. */
    synchronized List<String> failedKeys() {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, State> e : entries.entrySet()) {
            if (e.getValue().failed) {
                keys.add(e.getKey());
            }
        }
        return keys;
    }

    int failedCount() {
        return failedEntries.get();
    }

    synchronized long totalChars() {
        return totalChars;
    }

    synchronized long dropped() {
        return dropped;
    }

    private static long chars(State s) {
        ConversationRecord r = s.record;
        long n = r.id().length() + r.owner().length() + r.title().length() + length(r.model()) + length(r.system())
                + 16L * r.options().size();
        for (StoredMessage m : s.messages.values()) {
            n += m.content().length() + 32; // 32: the fixed fields, so that a flood of empty messages counts too
        }
        return n;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }
}
