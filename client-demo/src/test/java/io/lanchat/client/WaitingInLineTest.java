package io.lanchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ReplyPhase;
import io.lanchat.protocol.ReplyStarted;
import io.lanchat.protocol.ServerMessage;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The phases before a reply starts: with one generation at a time ({@code --parallel 1}), other users' replies
 * hold the slot and the client under test waits in line.
 */
@Timeout(value = 40, unit = TimeUnit.SECONDS)
final class WaitingInLineTest {
    private LiveServer live;

    @BeforeEach
    void start() throws InterruptedException {
        live = LiveServer.start("--parallel", "1");
        live.ollama.setTokenDelay(Duration.ofMillis(50));
        live.ollama.setReply(call -> ScriptModeTest.slowReply(call, 30));     // 1.5 s each
    }

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void interactiveShowsItsPlaceInLineAsItChangesThenTheReply() throws Exception {
        try (ChatConnection first = otherUser("first", ReplyStarted.class::isInstance);
             ChatConnection second = otherUser("second", frame -> frame instanceof ReplyPhase p
                     && p.phase() == ReplyPhase.Phase.QUEUED);
             InteractiveHarness chat = InteractiveHarness.connect(live)) {

            chat.type("my turn?");

            chat.awaitErr("[waiting in line: 2nd");
            chat.awaitErr("[waiting in line: next");
            assertThat(chat.awaitOut("first token after")).contains("w0 w1 w2").doesNotContain("waiting");
            assertThat(live.ollama.chatCalls()).extracting(call -> call.lastUserContent())
                    .containsExactly("first", "second", "my turn?");
        }
    }

    @Test
    void scriptModeSaysItIsWaitingOnlyWhenVerbose() throws Exception {
        try (ChatConnection first = otherUser("first", ReplyStarted.class::isInstance)) {
            ClientRun.Running verbose = ClientRun.start("", "--url", live.url(), "--verbose", "--prompt", "loud");
            ClientRun.Running quiet = ClientRun.start("", "--url", live.url(), "--prompt", "quiet");

            ClientRun loud = verbose.await(20);
            ClientRun silent = quiet.await(20);

            String reply = String.join("", ScriptModeTest.slowReply(null, 30)) + System.lineSeparator();
            assertThat(loud.exit()).isZero();
            assertThat(loud.out()).isEqualTo(reply);
            assertThat(loud.err()).contains("lanchat-client: waiting in line: next");
            assertThat(silent.exit()).isZero();
            assertThat(silent.out()).isEqualTo(reply);
            assertThat(silent.err()).isEmpty();
        }
    }

    /** Another user's chat, sent on its own connection; returns once a frame of its reply matches. */
    private ChatConnection otherUser(String text, Predicate<ServerMessage> until) throws InterruptedException {
        BlockingQueue<ConnectionEvent> events = new LinkedBlockingQueue<>();
        ChatConnection connection = new ChatConnection(URI.create(live.url()),
                new Backoff(Duration.ofMillis(100), Duration.ofMillis(100), 1), events::add);
        connection.open();
        boolean sent = false;
        while (true) {
            ConnectionEvent event = events.poll(10, TimeUnit.SECONDS);
            assertThat(event).as("an event for " + text).isNotNull();
            if (event instanceof ConnectionEvent.Connected && !sent) {
                sent = connection.send(new ChatRequest(text, text, null, null));
            } else if (event instanceof ConnectionEvent.Received received && until.test(received.frame())) {
                return connection;
            }
        }
    }
}
