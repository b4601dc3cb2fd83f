package io.lanchat.client;

import io.lanchat.protocol.HistoryMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages a room's member has seen in full, in order, so that a new {@code room_state} (after coming back, or
 * when the server replaces the transcript) can be shown as what is new since, rather than printed whole again. A
 * console cannot take back what it printed: the new state is compared with what was shown, and only what follows
 * the part they share is printed. Messages are compared by role and text as shown ({@code Ana: text}).
 */
final class RoomTranscript {
    private final List<String> seen = new ArrayList<>();

    /** The transcript is now exactly {@code history}. */
    void replaceWith(List<HistoryMessage> history) {
        seen.clear();
        history.forEach(this::add);
    }

    /** A message was shown in full: a question, a message with no reply, or a reply that ended. */
    void add(HistoryMessage message) {
        seen.add(key(message.role(), message.attributed()));
    }

    /** A reply was shown in full. */
    void addReply(String text) {
        seen.add(key("assistant", text));
    }

    /** How many messages at the start of {@code history} were shown already, in the same order. */
    int shared(List<HistoryMessage> history) {
        int n = 0;
        while (n < history.size() && n < seen.size()
                && seen.get(n).equals(key(history.get(n).role(), history.get(n).attributed()))) {
            n++;
        }
        return n;
    }

    private static String key(String role, String text) {
        return role + '\u0000' + text;
    }
}
