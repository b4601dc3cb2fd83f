package io.lanchat.server.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import io.netty.util.NetUtil;

/**
 * The names this server answers to, against DNS rebinding: a page on {@code evil.example} whose name is made to
 * point at this server afterwards is "same-origin" with it as far as the browser is concerned, so a browser's
 * Host header must name this server before its Origin is trusted for matching it. IP literals always pass
 * (rebinding needs a name), as do {@code localhost}, the machine's own host name (also with {@code .local}) and
 * the names configured with {@code --allowed-hosts} ({@code *} turns the check off).
 */
public final class ServerNames {
    private final Set<String> names = new HashSet<>();
    private final boolean any;

    ServerNames(List<String> configured, List<String> machineNames) {
        this.any = configured.contains("*");
        names.add("localhost");
        machineNames.forEach(name -> {
            names.add(name.toLowerCase(Locale.ROOT));
            names.add(name.toLowerCase(Locale.ROOT) + ".local");
        });
        configured.forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
    }

    /** With the machine's host name, looked up once; call off the event loops (it may ask the resolver). */
    public static ServerNames forThisMachine(List<String> configured) {
        try {
            return new ServerNames(configured, List.of(InetAddress.getLocalHost().getHostName()));
        } catch (UnknownHostException e) {
            return new ServerNames(configured, List.of());
        }
    }

    /** Whether a Host header ({@code name}, {@code name:port}, {@code [v6]:port}) names this server. */
    boolean answersTo(String hostHeader) {
        String host = hostOf(hostHeader);
        if (any || NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)) {
            return true;
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        return names.contains(name) || name.endsWith(".localhost");
    }

    /** The host part of a Host header, lower-case, without port or IPv6 brackets. */
    static String hostOf(String hostHeader) {
        String h = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            return close > 0 ? h.substring(1, close) : h;
        }
        int colon = h.indexOf(':');
        return colon >= 0 && h.indexOf(':', colon + 1) < 0 ? h.substring(0, colon) : h;
    }
}
