package io.lanchat.server.session;

import io.lanchat.server.store.StoredBranch;
import java.util.ArrayList;
import java.util.List;

/**
 * The versions of one message that has two or more: which one is shown (its text is the session's turn) and the
 * branches of the others, in version order. Versions are numbered from 1 in the order they were made.
 *
 * @param shown  the number of the version shown, 1 to {@link #count()}
 * @param hidden the other versions' branches, in version order (the shown one left out)
 */
public record VersionSlot(int shown, List<StoredBranch> hidden) {
    public VersionSlot {
        hidden = List.copyOf(hidden);
        if (hidden.isEmpty() || shown < 1 || shown > hidden.size() + 1) {
            throw new IllegalArgumentException("a slot has two or more versions and shows one of them");
        }
    }

    /** How many versions the message has. */
    public int count() {
        return hidden.size() + 1;
    }

    /** The branch of hidden version {@code version} (not the shown one). */
    public StoredBranch branch(int version) {
        if (version == shown || version < 1 || version > count()) {
            throw new IllegalArgumentException("no hidden version " + version);
        }
        return hidden.get(version < shown ? version - 1 : version - 2);
    }

    /** The slot of a message that gets its second version: {@code current} hidden as 1, the new one shown as 2. */
    static VersionSlot first(StoredBranch current) {
        return new VersionSlot(2, List.of(current));
    }

    /** This slot with {@code current} (the shown version's branch) hidden and a new version, shown, added last. */
    VersionSlot withNewVersion(StoredBranch current) {
        List<StoredBranch> all = withShown(current);
        return new VersionSlot(all.size() + 1, all);
    }

    /** This slot showing {@code version} instead, {@code current} (the shown branch) hidden in its place. */
    VersionSlot showing(int version, StoredBranch current) {
        List<StoredBranch> all = withShown(current);
        all.remove(version - 1);
        return new VersionSlot(version, all);
    }

    /** Characters held by the hidden branches. */
    long chars() {
        long sum = 0;
        for (StoredBranch b : hidden) {
            sum += b.chars();
        }
        return sum;
    }

    private List<StoredBranch> withShown(StoredBranch current) {
        List<StoredBranch> all = new ArrayList<>(hidden);
        all.add(shown - 1, current);
        return all;
    }
}
