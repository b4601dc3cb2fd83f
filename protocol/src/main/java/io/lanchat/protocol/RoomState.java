package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The first frame a room's member receives: the conversation and who is present. Then, like a live share link's
 * viewer, {@code share_message} for each new question and each reply streaming token by token ({@code started},
 * {@code thinking}, {@code token}, {@code done}); a new {@code room_state} replaces the transcript when frames cannot
 * tell a change (a stopped reply, one the member fell behind on, a new version of a message). {@code room_presence}
 * frames tell who comes and goes.
 *
 * @param title   the conversation's title
 * @param you     the name this member joined with
 * @param members the names of the members present now (this one included), in the order they joined
 * @param history   the messages, oldest first
 * @param memberKey this member's secret: joining again with {@code &member=KEY} and the same name takes this
 *                  member's place back (after a drop the server may not have noticed yet) instead of "name taken"
 * @param answers   {@code every}: the model answers each message; {@code mentioned}: only messages that mention
 *                  {@code @model} (the others are kept and shown, unanswered)
 * @param ownerPresent whether the room's owner has the conversation open now (then {@code room_owner} frames)
 */
public record RoomState(String title, String you, List<String> members, List<HistoryMessage> history,
                        String memberKey, String answers, boolean ownerPresent) implements ServerMessage {
    public RoomState {
        requireNonNull(title, "title");
        requireNonNull(you, "you");
        members = members == null ? List.of() : List.copyOf(members);
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** A state without a member key, as servers before rejoining sent it. */
    public RoomState(String title, String you, List<String> members, List<HistoryMessage> history) {
        this(title, you, members, history, null, null, false);
    }
}
