package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The first frame a viewer of a share link receives: the conversation, read-only. For a snapshot nothing follows.
 * For a live link, {@code share_message} frames follow for each new question, and each reply streams as it does to
 * its owner ({@code started}, {@code thinking}, {@code token}, then {@code done}); a reply already streaming when
 * the viewer arrives is sent from its first token. A reply stopped or failed, one the viewer fell behind on, or a
 * new version of a message is followed by a new {@code share_view} instead: replace the transcript with it.
 *
 * @param title   the conversation's title
 * @param live    whether new messages follow
 * @param history the messages, oldest first (for a snapshot: as they were when it was shared)
 */
public record SharedView(String title, boolean live, List<HistoryMessage> history) implements ServerMessage {
    public SharedView {
        requireNonNull(title, "title");
        history = history == null ? List.of() : List.copyOf(history);
    }
}
