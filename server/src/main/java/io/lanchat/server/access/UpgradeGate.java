package io.lanchat.server.access;

import io.lanchat.server.config.AccessSettings;
import io.lanchat.server.config.AccessToken;
import io.lanchat.server.config.Limits;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a WebSocket upgrade may proceed: connection limits, the browser's Origin (against
 * cross-site WebSocket hijacking by a page a LAN user happens to visit) and Host (against DNS rebinding, see
 * {@link ServerNames}), and the access token when tokens are configured. Tokens are compared in constant time.
 */
public final class UpgradeGate {
    private static final Logger log = LoggerFactory.getLogger(UpgradeGate.class);
    static final String TOKEN_PARAMETER = "access_token";

    /** Why an upgrade was refused: the HTTP status and a sentence for whoever reads it. */
    public record Refusal(HttpResponseStatus status, String message) {
    }

    private final AccessSettings access;
    private final Limits limits;
    private final ConnectionCounter connections;
    private final ClientAddress clientAddress;
    private final ServerNames serverNames;

    public UpgradeGate(AccessSettings access, Limits limits, ConnectionCounter connections, ServerNames serverNames) {
        this.access = access;
        this.limits = limits;
        this.connections = connections;
        this.serverNames = serverNames;
        this.clientAddress = new ClientAddress(access.trustedProxies());
    }

    /** Checks the request; on success stores the client's identity on the channel and returns null. */
    public Refusal check(ChannelHandlerContext ctx, HttpRequest request) {
        InetAddress address = clientAddress.of(ctx.channel().remoteAddress(), request.headers());
        if (connections.total() > limits.maxConnections()) {
            return refuse(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "The server is full ("
                    + limits.maxConnections() + " connections). Try again later.");
        }
        if (connections.countAs(ctx.channel(), address) > limits.maxConnectionsPerAddress()) {
            return refuse(ctx, HttpResponseStatus.TOO_MANY_REQUESTS, "Too many connections from your address (limit "
                    + limits.maxConnectionsPerAddress() + "). Close some tabs and try again.");
        }
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (origin != null && !explicitlyAllowed(origin)) {
            if (!sameHost(origin, host)) {
                return refuse(ctx, HttpResponseStatus.FORBIDDEN, "WebSocket connections from " + origin
                        + " are not allowed. The server admin can allow it with --allowed-origins.");
            }
            if (!serverNames.answersTo(host)) {
                return refuse(ctx, HttpResponseStatus.FORBIDDEN, "This server does not know itself by the name '"
                        + ServerNames.hostOf(host) + "' (a page on another site can point such a name at it). The"
                        + " server admin can add the name with --allowed-hosts (LANCHAT_ALLOWED_HOSTS).");
            }
        }
        ClientIdentity identity;
        if (access.requiresToken()) {
            AccessToken token = findToken(presentedToken(request));
            if (token == null) {
                return refuse(ctx, HttpResponseStatus.UNAUTHORIZED, "This server needs an access token: send it as"
                        + " 'Authorization: Bearer TOKEN' or as ?" + TOKEN_PARAMETER + "=TOKEN on /ws.");
            }
            identity = new ClientIdentity("user:" + token.user(), token.admin(), OwnerKeys.ownerOfUser(token.user()),
                    null);
        } else {
            String presented = presentedOwnerKey(request);
            String ownerKey = OwnerKeys.wellFormed(presented) ? presented : OwnerKeys.newKey();
            identity = new ClientIdentity("ip:" + address.getHostAddress(), access.allowPull(),
                    OwnerKeys.ownerOf(ownerKey), ownerKey.equals(presented) ? null : ownerKey);
        }
        ctx.channel().attr(ClientIdentity.ATTRIBUTE).set(identity);
        return null;
    }

    private boolean explicitlyAllowed(String origin) {
        List<String> allowed = access.allowedOrigins();
        return allowed.contains("*") || allowed.stream().anyMatch(a -> a.equalsIgnoreCase(origin));
    }

    /** The server's own page: the Origin names the same host:port the browser connected to. */
    private static boolean sameHost(String origin, String host) {
        try {
            URI uri = URI.create(origin);
            String originHost = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
            return host != null && uri.getHost() != null
                    && stripDefaultPort(originHost, uri.getScheme()).equalsIgnoreCase(stripDefaultPort(host, uri.getScheme()));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static String stripDefaultPort(String hostPort, String scheme) {
        String lower = hostPort.toLowerCase(Locale.ROOT);
        String defaultPort = "https".equalsIgnoreCase(scheme) ? ":443" : ":80";
        return lower.endsWith(defaultPort) ? lower.substring(0, lower.length() - defaultPort.length()) : lower;
    }

    private static String presentedToken(HttpRequest request) {
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        List<String> fromQuery = new QueryStringDecoder(request.uri()).parameters().get(TOKEN_PARAMETER);
        return fromQuery == null || fromQuery.isEmpty() ? null : fromQuery.get(0);
    }

    private static String presentedOwnerKey(HttpRequest request) {
        String header = request.headers().get(OwnerKeys.HEADER);
        if (header != null) {
            return header.strip();
        }
        List<String> fromQuery = new QueryStringDecoder(request.uri()).parameters().get(OwnerKeys.PARAMETER);
        return fromQuery == null || fromQuery.isEmpty() ? null : fromQuery.get(0);
    }

    private AccessToken findToken(String presented) {
        if (presented == null) {
            return null;
        }
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        AccessToken match = null;
        for (AccessToken token : access.tokens()) {      // no early exit: constant time over the list
            if (MessageDigest.isEqual(given, token.token().getBytes(StandardCharsets.UTF_8))) {
                match = token;
            }
        }
        return match;
    }

    private static Refusal refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String message) {
        LogLimiter.CLIENT_EVENTS.info(log, "{}: WebSocket upgrade refused ({}): {}", ctx.channel().remoteAddress(),
                status.code(), message);
        return new Refusal(status, message);
    }
}
