package io.lanchat.server.config;

import java.util.List;

/**
 * Who may connect.
 *
 * @param allowedOrigins browser origins allowed to open the WebSocket besides the server's own
 *                       (e.g. {@code https://chat.example.lan}); {@code *} allows any origin
 * @param tokens         access tokens; when any are configured, the WebSocket requires one
 */
public record AccessSettings(List<String> allowedOrigins, List<AccessToken> tokens) {
    public AccessSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
        tokens = List.copyOf(tokens);
        if (tokens.stream().map(AccessToken::token).distinct().count() != tokens.size()) {
            throw new IllegalArgumentException("access tokens must be different from each other");
        }
    }

    public boolean requiresToken() {
        return !tokens.isEmpty();
    }
}
