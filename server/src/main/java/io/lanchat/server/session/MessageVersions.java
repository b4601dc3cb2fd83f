package io.lanchat.server.session;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The versions of a session's held messages that have more than one, by message number. Immutable; most sessions
 * have none ({@link #NONE}). Hidden branches count in the session's characters, so the memory budget bounds them
 * like any other text.
 *
 * @param slots the slots, by message number
 */
public record MessageVersions(SortedMap<Integer, VersionSlot> slots) {
    public static final MessageVersions NONE = new MessageVersions(new TreeMap<>());

    public MessageVersions {
        slots = Collections.unmodifiableSortedMap(new TreeMap<>(slots));
    }

    /** The slot of message {@code seq}, or null when it has one version only. */
    public VersionSlot slot(int seq) {
        return slots.get(seq);
    }

    public boolean isEmpty() {
        return slots.isEmpty();
    }

    /** These versions with message {@code seq}'s slot replaced (null removes it). */
    MessageVersions with(int seq, VersionSlot slot) {
        TreeMap<Integer, VersionSlot> next = new TreeMap<>(slots);
        if (slot == null) {
            next.remove(seq);
        } else {
            next.put(seq, slot);
        }
        return new MessageVersions(next);
    }

    /** The slots of messages before {@code seq}. */
    MessageVersions before(int seq) {
        return slots.isEmpty() ? this : new MessageVersions(slots.headMap(seq));
    }

    /** The slots of messages from {@code seq} on. */
    MessageVersions from(int seq) {
        return slots.isEmpty() ? this : new MessageVersions(slots.tailMap(seq));
    }

    /** These slots and {@code more} (whose numbers do not overlap these). */
    MessageVersions plus(MessageVersions more) {
        if (more.isEmpty()) {
            return this;
        }
        NavigableMap<Integer, VersionSlot> next = new TreeMap<>(slots);
        next.putAll(more.slots());
        return new MessageVersions(next);
    }

    /** Characters held by the hidden branches of message {@code seq}. */
    long charsAt(int seq) {
        VersionSlot slot = slots.get(seq);
        return slot == null ? 0 : slot.chars();
    }

    /** Characters held by all hidden branches. */
    long chars() {
        long sum = 0;
        for (Map.Entry<Integer, VersionSlot> e : slots.entrySet()) {
            sum += e.getValue().chars();
        }
        return sum;
    }
}
