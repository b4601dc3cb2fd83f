package io.lanchat.server.api;

import io.lanchat.server.access.ClientAddress;
import io.lanchat.server.access.ClientIdentity;
import io.lanchat.server.config.AccessSettings;
import io.lanchat.server.config.AccessToken;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who is asking the API: with access tokens configured, the user of the {@code Authorization: Bearer} token (the
 * page's tokens: one identity, one place in the fair queue, one rate limit, whichever door is used); without, the
 * client's IP address as the page finds it (X-Forwarded-For only from {@code --trusted-proxies}). Tokens are
 * compared in constant time.
 */
final class ApiAccess {
    private final AccessSettings access;
    private final ClientAddress clientAddress;

    ApiAccess(AccessSettings access) {
        this.access = access;
        this.clientAddress = new ClientAddress(access.trustedProxies());
    }

    /** The identity, or null when tokens are required and none valid was presented. */
    ClientIdentity identify(HttpRequest request, SocketAddress peer) {
        if (!access.requiresToken()) {
            String address = clientAddress.of(peer, request.headers()).getHostAddress();
            return new ClientIdentity("ip:" + address, access.allowPull(), "ip:" + address, null);
        }
        AccessToken token = find(bearer(request));
        return token == null ? null
                : new ClientIdentity("user:" + token.user(), token.admin(), "user:" + token.user(), null);
    }

    private static String bearer(HttpRequest request) {
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        return null;
    }

    private AccessToken find(String presented) {
        if (presented == null) {
            return null;
        }
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        AccessToken found = null;
        for (AccessToken token : access.tokens()) {     // every token is compared: no early exit to time
            if (MessageDigest.isEqual(token.token().getBytes(StandardCharsets.UTF_8), given)) {
                found = token;
            }
        }
        return found;
    }
}
