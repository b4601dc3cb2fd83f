package io.lanchat.server.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Sends one WebSocket upgrade request with chosen headers and reads the HTTP status of the answer. */
final class RawWebSocketProbe {
    private final int port;

    RawWebSocketProbe(int port) {
        this.port = port;
    }

    int upgradeStatus(String... headers) throws IOException {
        return Integer.parseInt(upgrade("/ws", headers).substring(9, 12));
    }

    /** The start of the raw response (status line, headers, maybe some body). */
    String upgrade(String path, String... headers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return upgradeOn(socket, path, headers);
        }
    }

    /**
     * Sends an upgrade request on an open socket (which stays open) and returns the start of the response. A
     * {@code Host:} among {@code headers} replaces the default one.
     */
    String upgradeOn(Socket socket, String path, String... headers) throws IOException {
        socket.setSoTimeout(5_000);
        boolean ownHost = java.util.Arrays.stream(headers).anyMatch(h -> h.regionMatches(true, 0, "Host:", 0, 5));
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\n"
                + (ownHost ? "" : "Host: 127.0.0.1:" + port + "\r\n")
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + (java.util.Arrays.stream(headers).anyMatch(h -> h.startsWith("Sec-WebSocket-Version:"))
                        ? "" : "Sec-WebSocket-Version: 13\r\n"));
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        int n = in.read(buffer);
        return n < 0 ? "" : new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
    }
}
