package io.lanchat.server.access;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A client's IP address as both doors (the page's WebSocket and the API port) see it: the peer's, or, when the
 * peer is a trusted reverse proxy ({@code --trusted-proxies}), the address that proxy appended to X-Forwarded-For.
 * Immutable; safe on any thread.
 */
public final class ClientAddress {
    private final Set<InetAddress> trustedProxies;

    public ClientAddress(Collection<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(NetUtil::createInetAddressFromIpAddressString)
                .filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The last X-Forwarded-For entry over all header lines when the peer is trusted (earlier entries are whatever
     * the client claimed), else the peer. Only IP literals count: a name would need a (blocking) lookup and proves
     * nothing.
     */
    public InetAddress of(SocketAddress peerAddress, HttpHeaders headers) {
        InetAddress peer = ((InetSocketAddress) peerAddress).getAddress();
        List<String> lines = headers.getAll("X-Forwarded-For");
        if (lines.isEmpty() || !trustedProxies.contains(peer)) {
            return peer;
        }
        String[] hops = String.join(",", lines).split(",");
        InetAddress last = NetUtil.createInetAddressFromIpAddressString(hops[hops.length - 1].strip());
        return last != null ? last : peer;
    }
}
