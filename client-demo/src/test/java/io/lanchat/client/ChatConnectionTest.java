package io.lanchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.Hello;
import io.lanchat.protocol.OllamaStatus;
import io.lanchat.protocol.Pong;
import io.lanchat.protocol.ProtocolJson;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How ChatConnection reads frames the real server does not happen to send, and how it explains failures. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class ChatConnectionTest {
    private static final Hello HELLO = new Hello("s-1234567890", "secret-1234567890", 1, "scripted", new OllamaStatus(true, "fine"),
            List.of(), "llama3:8b", 8000);

    private final BlockingQueue<ConnectionEvent> events = new LinkedBlockingQueue<>();

    @Test
    void joinsAMessageSplitIntoFramesAndSkipsUnknownTypesAndBrokenJson() throws Exception {
        String hello = ProtocolJson.writeServerText(HELLO);
        int third = hello.length() / 3;
        try (ScriptedServer server = new ScriptedServer(() -> List.<WebSocketFrame>of(
                new TextWebSocketFrame(false, 0, hello.substring(0, third)),
                new ContinuationWebSocketFrame(false, 0, hello.substring(third, 2 * third)),
                new ContinuationWebSocketFrame(true, 0, hello.substring(2 * third)),
                new TextWebSocketFrame("{\"type\":\"shiny_new_thing\",\"id\":\"p1\"}"),
                new TextWebSocketFrame("{\"type\":\"pong\",\"id\":"),
                new TextWebSocketFrame("{\"type\":\"pong\",\"id\":\"p1\",\"addedLater\":true}")));
             ChatConnection connection = new ChatConnection(URI.create(server.url()), oneAttempt(), events::add)) {

            connection.open();

            assertThat(next()).isEqualTo(new ConnectionEvent.Connected(HELLO, false));
            assertThat(next()).isInstanceOfSatisfying(ConnectionEvent.Notice.class,
                    notice -> assertThat(notice.text()).startsWith("skipped an unreadable frame"));
            assertThat(next()).isEqualTo(new ConnectionEvent.Received(new Pong("p1")));
        }
    }

    @Test
    void aServerThatStopsAnsweringPingsIsTreatedAsGoneAndReconnectedTo() throws Exception {
        try (ScriptedServer server = new ScriptedServer(
                () -> List.<WebSocketFrame>of(new TextWebSocketFrame(ProtocolJson.writeServerText(HELLO))), true);
             ChatConnection connection = new ChatConnection(URI.create(server.url()), oneAttempt(), events::add,
                     Duration.ofMillis(100))) {

            connection.open();

            assertThat(next()).isEqualTo(new ConnectionEvent.Connected(HELLO, false));
            assertThat(next()).isInstanceOfSatisfying(ConnectionEvent.Lost.class, lost ->
                    assertThat(lost.reason()).startsWith("the server stopped answering"));
            assertThat(next()).isEqualTo(new ConnectionEvent.Connected(HELLO, true));
        }
    }

    @Test
    void aServerThatAnswersPingsStaysConnected() throws Exception {
        try (ScriptedServer server = new ScriptedServer(
                () -> List.<WebSocketFrame>of(new TextWebSocketFrame(ProtocolJson.writeServerText(HELLO))), false);
             ChatConnection connection = new ChatConnection(URI.create(server.url()), oneAttempt(), events::add,
                     Duration.ofMillis(100))) {

            connection.open();

            assertThat(next()).isEqualTo(new ConnectionEvent.Connected(HELLO, false));
            assertThat(events.poll(1, TimeUnit.SECONDS)).as("ten quiet heartbeats later").isNull();
        }
    }

    @Test
    void aPathThatIsNotTheWebSocketIsExplained() throws Exception {
        try (LiveServer live = LiveServer.start();
             ChatConnection connection = new ChatConnection(URI.create(live.url().replace("/ws", "/chat")),
                     oneAttempt(), events::add)) {

            connection.open();

            assertThat(next()).isInstanceOfSatisfying(ConnectionEvent.GaveUp.class, gaveUp ->
                    assertThat(gaveUp.reason()).contains("HTTP 404").contains("is the path /ws?"));
        }
    }

    @Test
    void sendingWhileDownReportsFalseSoTheCallerCanKeepTheRequest() {
        try (ChatConnection connection = new ChatConnection(URI.create("ws://127.0.0.1:9/ws"), oneAttempt(),
                events::add)) {
            assertThat(connection.send(new io.lanchat.protocol.PingRequest("p1"))).isFalse();
        }
    }

    private static Backoff oneAttempt() {
        return new Backoff(Duration.ofMillis(100), Duration.ofMillis(100), 1);
    }

    private ConnectionEvent next() throws InterruptedException {
        ConnectionEvent event = events.poll(10, TimeUnit.SECONDS);
        assertThat(event).as("an event within 10 s").isNotNull();
        return event;
    }
}
