package io.lanchat.server.config;

import java.util.List;

/**
 * Who may connect.
 *
 * @param allowedOrigins browser origins allowed to open the WebSocket besides the server's own
 *                       (e.g. {@code https://chat.example.lan}); {@code *} allows any origin
 * @param tokens         access tokens; when any are configured, the WebSocket requires one
 * @param trustedProxies IP addresses of reverse proxies whose X-Forwarded-For names the real client
 * @param allowPull      without tokens, whether any client may pull models (with tokens, admins may)
 */
public record AccessSettings(List<String> allowedOrigins, List<AccessToken> tokens, List<String> trustedProxies,
                             boolean allowPull) {
    public AccessSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
        trustedProxies = List.copyOf(trustedProxies);
        tokens = List.copyOf(tokens);
        if (tokens.stream().map(AccessToken::token).distinct().count() != tokens.size()) {
            throw new IllegalArgumentException("access tokens must be different from each other");
        }
    }

    public boolean requiresToken() {
        return !tokens.isEmpty();
    }
}
