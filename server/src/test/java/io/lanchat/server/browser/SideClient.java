package io.lanchat.server.browser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Someone else on the LAN: a plain protocol client (the JDK's WebSocket) next to the browser, for tests where
 * another person's reply matters, such as one holding the only generation slot. Frames are kept as raw JSON
 * text; tests look for the few fields they need.
 */
final class SideClient implements AutoCloseable {
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    private SideClient(int port, String query) {
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws" + query), new Collector())
                .join();
    }

    static SideClient connect(int port) throws InterruptedException {
        return connect(port, "");
    }

    /** Connects as the owner of {@code ownerKey}: the same person as a browser holding that key. */
    static SideClient connectAsOwner(int port, String ownerKey) throws InterruptedException {
        return connect(port, "?owner_key=" + ownerKey);
    }

    private static SideClient connect(int port, String query) throws InterruptedException {
        SideClient client = new SideClient(port, query);
        client.await("\"type\":\"hello\"");
        return client;
    }

    /** Sends a frame as it is. */
    void send(String json) {
        socket.sendText(json, true).join();
    }

    /** Sends a chat: {@code text} must need no JSON escaping. */
    void chat(String id, String text) {
        socket.sendText("{\"type\":\"chat\",\"id\":\"" + id + "\",\"text\":\"" + text + "\"}", true).join();
    }

    /** Waits for a frame containing {@code fragment} (e.g. {@code "type":"done"}), skipping the ones before it. */
    String await(String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + Waits.TIMEOUT.toNanos();
        while (true) {
            String frame = frames.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw new AssertionError("timed out waiting for a frame with " + fragment);
            }
            if (frame.contains(fragment)) {
                return frame;
            }
        }
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
