package io.lanchat.client;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A room's invite link, both ways: the page's address the owner is shown ({@code http://host:port/r/TOKEN}), and
 * the member's WebSocket address it leads to ({@code ws://host:port/ws?room=TOKEN&name=NAME}).
 */
final class RoomLink {
    static final String PAGE_PATH = "/r/";

    private RoomLink() {
    }

    /** The invite's page address: the chat's ws(s) address turned into http(s), with the invite's token. */
    static String pageUrl(URI server, String token) {
        return ShareCommands.pageUrl(server, PAGE_PATH + token);
    }

    /** The member's WebSocket address for an invite link and a name; the access token, if any, goes as a header. */
    static URI socketFor(URI link, String name) {
        return socketFor(link, name, null);
    }

    /**
     * The address to join again after a drop: with the {@code memberKey} of the last {@code room_state}, the server
     * gives this member its place back (same name) even if it has not noticed the old connection is gone.
     */
    static URI socketFor(URI link, String name, String memberKey) {
        String path = link.getRawPath() == null ? "" : link.getRawPath();
        String fragment = link.getRawFragment();
        String token = path.startsWith(PAGE_PATH) ? path.substring(PAGE_PATH.length())
                : fragment != null && fragment.startsWith("room=") ? fragment.substring(5) : null;
        if (token == null || token.isEmpty() || token.contains("/") || link.getRawAuthority() == null) {
            throw new IllegalArgumentException("not a room invite (http://host:port/r/TOKEN): " + link);
        }
        String scheme = "https".equalsIgnoreCase(link.getScheme()) || "wss".equalsIgnoreCase(link.getScheme())
                ? "wss" : "ws";
        return URI.create(scheme + "://" + link.getRawAuthority() + "/ws?room=" + token + "&name="
                + encode(name) + (memberKey == null ? "" : "&member=" + encode(memberKey)));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
