package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Answers {@code list_shares} and {@code revoke_share}: the active links of one conversation, newest first.
 *
 * @param id             the id of the request
 * @param conversationId the conversation
 * @param shares         its active links
 */
public record ShareList(String id, String conversationId, List<ShareInfo> shares) implements ServerMessage {
    public ShareList {
        requireNonNull(conversationId, "conversationId");
        shares = shares == null ? List.of() : List.copyOf(shares);
    }
}
