package io.lanchat.client;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

/**
 * The lines a room's member typed while its connection was down, kept to be sent once it is back in the room.
 * Bounded: the room's line holds at most 8 waiting messages, so keeping more would only have them refused as
 * {@code server_busy}. Thread-safe.
 */
final class RoomOutbox {
    static final int CAPACITY = 8;

    private final Queue<String> lines = new ArrayDeque<>();

    /** Keeps a line; false when the outbox is full and the line was not kept. */
    synchronized boolean keep(String text) {
        if (lines.size() >= CAPACITY) {
            return false;
        }
        lines.add(text);
        return true;
    }

    synchronized int size() {
        return lines.size();
    }

    /** The lines kept, oldest first, leaving the outbox empty. */
    synchronized List<String> drain() {
        List<String> all = List.copyOf(lines);
        lines.clear();
        return all;
    }

    /** Puts back, at the front, lines that could not be sent after all. */
    synchronized void putBack(List<String> unsent) {
        Queue<String> rest = new ArrayDeque<>(lines);
        lines.clear();
        lines.addAll(unsent);
        lines.addAll(rest);
    }
}
