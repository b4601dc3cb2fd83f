package io.lanchat.server.multi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ClientMessage;
import io.lanchat.protocol.ConversationList;
import io.lanchat.protocol.ConversationOpened;
import io.lanchat.protocol.ConversationSummary;
import io.lanchat.protocol.Hello;
import io.lanchat.protocol.ListConversationsRequest;
import io.lanchat.protocol.OpenConversationRequest;
import io.lanchat.protocol.ProtocolJson;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ServerMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A JDK WebSocket client of one owner key, with the few conversation steps these tests take. */
final class Client implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger IDS = new AtomicInteger();

    private final BlockingQueue<ServerMessage> frames = new LinkedBlockingQueue<>();
    private final WebSocket socket;
    final Hello hello;

    private Client(URI uri) throws Exception {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT)
                .buildAsync(uri, new Listener()).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        hello = await(Hello.class);
    }

    /** Connects to {@code ws://127.0.0.1:PORT/ws}, presenting {@code ownerKey} unless it is null. */
    static Client connect(int port, String ownerKey) throws Exception {
        return new Client(URI.create("ws://127.0.0.1:" + port + "/ws" + (ownerKey == null ? "" : "?owner_key="
                + ownerKey)));
    }

    /** Waits (within a deadline) until the server on {@code port} answers and sees its Ollama as available. */
    static void awaitOllama(int port) throws Exception {
        long deadline = System.nanoTime() + 2 * WAIT.toNanos();
        while (true) {
            try (Client probe = connect(port, null)) {
                if (probe.hello.ollama().available()) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server on port " + port + " did not see Ollama within " + 2 * WAIT.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }

    /** Sends a chat and waits for its reply to end. */
    ReplyDone chat(String text) throws Exception {
        String id = "c" + IDS.incrementAndGet();
        send(new ChatRequest(id, text, null, null));
        ReplyDone done = await(ReplyDone.class);
        assertThat(done.id()).isEqualTo(id);
        return done;
    }

    /** The first page of this owner's conversations, newest first. */
    List<ConversationSummary> list() throws Exception {
        send(new ListConversationsRequest("l" + IDS.incrementAndGet(), null, null));
        return await(ConversationList.class).conversations();
    }

    /** Switches this connection to the conversation; its answer carries the history. */
    ConversationOpened open(String conversationId) throws Exception {
        send(new OpenConversationRequest("o" + IDS.incrementAndGet(), conversationId, null, null));
        return await(ConversationOpened.class);
    }

    void send(ClientMessage message) throws Exception {
        socket.sendText(ProtocolJson.writeClient(message), true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Skips frames until one of this type arrives; a failure lists what was skipped. */
    <T extends ServerMessage> T await(Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<ServerMessage> skipped = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            ServerMessage frame = frames.poll(100, TimeUnit.MILLISECONDS);
            if (type.isInstance(frame)) {
                return type.cast(frame);
            }
            if (frame != null && skipped.size() < 20) {
                skipped.add(frame);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " within " + WAIT + "; skipped " + skipped);
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);     // a frame may come in parts
            if (last) {
                try {
                    frames.add(ProtocolJson.readServer(partial.toString()));
                } catch (JsonProcessingException e) {
                    throw new AssertionError("server sent an unreadable frame: " + partial, e);
                } finally {
                    partial.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
