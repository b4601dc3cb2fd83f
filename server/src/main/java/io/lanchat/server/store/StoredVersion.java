package io.lanchat.server.store;

/**
 * One version of the message at {@code seq}: the one shown (its text is the message row itself, {@code branch} is
 * null) or a hidden one with its whole branch. A message has versions only once it has two or more; they are
 * numbered from 1 in the order they were made.
 *
 * @param seq     the message number
 * @param version its number among the message's versions, from 1
 * @param branch  the hidden version's branch; null for the version shown
 */
public record StoredVersion(int seq, int version, StoredBranch branch) {
    public StoredVersion {
        if (seq < 0 || version < 1) {
            throw new IllegalArgumentException("seq must be 0 or more and version 1 or more");
        }
        if (branch != null && branch.seq() != seq) {
            throw new IllegalArgumentException("the branch of version " + version + " starts at message "
                    + branch.seq() + ", not " + seq);
        }
    }

    /** Whether this is the version shown. */
    public boolean shown() {
        return branch == null;
    }

    long chars() {
        return branch == null ? 0 : branch.chars();
    }
}
