package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

/**
 * Answers {@code share}: the new link. The token is shown this once; whoever has it can read the conversation (with
 * a valid access token too, where the server requires them) until the link is revoked or the conversation deleted.
 *
 * @param id    the id of the request
 * @param share the link
 * @param token the link's secret: open {@code /ws?share=TOKEN} (or the page at {@code path}) to view it
 * @param path  the page's path for the link, {@code /s/TOKEN}: prefix it with the server's address
 */
public record ShareCreated(String id, ShareInfo share, String token, String path) implements ServerMessage {
    public ShareCreated {
        requireNonNull(share, "share");
        requireNonNull(token, "token");
        requireNonNull(path, "path");
    }
}
