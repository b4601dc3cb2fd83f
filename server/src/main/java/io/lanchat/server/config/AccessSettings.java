package io.lanchat.server.config;

import io.netty.util.NetUtil;
import java.util.List;

/**
 * Who may connect.
 *
 * @param allowedOrigins browser origins allowed to open the WebSocket besides the server's own
 *                       (e.g. {@code https://chat.example.lan}); {@code *} allows any origin
 * @param tokens         access tokens; when any are configured, the WebSocket requires one
 * @param trustedProxies IP addresses of reverse proxies whose X-Forwarded-For names the real client
 * @param allowPull      without tokens, whether any client may pull models (with tokens, admins may)
 * @param allowedHosts   host names the server answers to besides IP literals, localhost and the machine's own
 *                       name, checked against a browser's Host header (DNS rebinding); {@code *} allows any
 */
public record AccessSettings(List<String> allowedOrigins, List<AccessToken> tokens, List<String> trustedProxies,
                             boolean allowPull, List<String> allowedHosts) {
    public AccessSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
        trustedProxies = List.copyOf(trustedProxies);
        allowedHosts = List.copyOf(allowedHosts);
        for (String proxy : trustedProxies) {
            if (!NetUtil.isValidIpV4Address(proxy) && !NetUtil.isValidIpV6Address(proxy)) {
                throw new IllegalArgumentException("trusted proxies must be IP addresses, not '" + proxy + "'");
            }
        }
        tokens = List.copyOf(tokens);
        if (tokens.stream().map(AccessToken::token).distinct().count() != tokens.size()) {
            throw new IllegalArgumentException("access tokens must be different from each other");
        }
    }

    public boolean requiresToken() {
        return !tokens.isEmpty();
    }
}
