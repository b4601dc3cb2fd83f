package io.lanchat.server.session;

import static java.util.Objects.requireNonNull;

/**
 * One message of a conversation.
 *
 * @param role      who said it
 * @param content   what was said
 * @param cancelled true for an assistant reply the user stopped part-way
 */
public record Turn(Role role, String content, boolean cancelled) {
    public Turn {
        requireNonNull(role, "role");
        requireNonNull(content, "content");
    }

    public static Turn user(String content) {
        return new Turn(Role.USER, content, false);
    }

    public static Turn assistant(String content) {
        return new Turn(Role.ASSISTANT, content, false);
    }

    public static Turn cancelledAssistant(String partial) {
        return new Turn(Role.ASSISTANT, partial, true);
    }
}
