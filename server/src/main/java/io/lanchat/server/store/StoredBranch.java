package io.lanchat.server.store;

import java.util.List;

/**
 * One version of a message that is not shown: that message and everything that followed it in its branch (the
 * messages, with their absolute {@code seq}, and the versions of those messages in turn).
 *
 * @param messages the branch's messages, oldest first; the first is the version itself
 * @param versions the versions of later messages of this branch, ordered by seq, then version
 */
public record StoredBranch(List<StoredMessage> messages, List<StoredVersion> versions) {
    public StoredBranch {
        messages = List.copyOf(messages);
        versions = versions == null ? List.of() : List.copyOf(versions);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a branch holds at least the message it is a version of");
        }
    }

    /** The message number this branch starts at. */
    public int seq() {
        return messages.get(0).seq();
    }

    /** Characters of text and reasoning it holds, nested versions included (for memory budgets). */
    public long chars() {
        long sum = 0;
        for (StoredMessage m : messages) {
            sum += m.content().length() + (m.thinking() == null ? 0 : m.thinking().length());
        }
        for (StoredVersion v : versions) {
            sum += v.chars();
        }
        return sum;
    }
}
