package io.lanchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ProtocolJson;
import io.lanchat.protocol.ResumeRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Dropped connections while the server keeps running: the client reconnects through a {@link FlakyNetwork} and
 * resumes its session, so the reply is neither lost nor asked for twice.
 */
@Timeout(value = 40, unit = TimeUnit.SECONDS)
final class ResumeTest {
    private static final String NL = System.lineSeparator();
    private static final int WORDS = 100;
    private static final String REPLY = String.join("", ScriptModeTest.slowReply(null, WORDS));
    private static final int REPLY_1500_LENGTH = String.join("", ScriptModeTest.slowReply(null, 1500)).length();

    private LiveServer live;
    private FlakyNetwork network;

    @BeforeEach
    void start() throws Exception {
        live = LiveServer.start();
        network = new FlakyNetwork(live.port());
        live.ollama.setTokenDelay(Duration.ofMillis(20));
        live.ollama.setReply(call -> ScriptModeTest.slowReply(call, WORDS));
    }

    @AfterEach
    void stop() throws Exception {
        network.close();
        live.close();
    }

    @Test
    void scriptModeResumesTheReplyAfterADropAndPrintsItOnceAndWhole() throws Exception {
        ClientRun.Running client = ClientRun.start("", "--url", network.url(), "--prompt", "are you there?");
        awaitTokensWritten(10);

        network.cut();
        ClientRun run = client.await(30);

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo(REPLY + NL);
        assertThat(run.err()).contains("connection lost")
                .contains("reconnected and resumed the conversation; the reply goes on.")
                .doesNotContain("new session");
        assertThat(live.ollama.chatCalls()).hasSize(1);
    }

    @Test
    void scriptModePrintsAReplyThatFinishedWhileTheConnectionWasDown() throws Exception {
        live.ollama.setReply(call -> ScriptModeTest.slowReply(call, 20));
        ClientRun.Running client = ClientRun.start("", "--url", network.url(), "--connect-attempts", "20",
                "--prompt", "are you there?");
        awaitTokensWritten(3);

        network.refuse(true);
        network.cut();
        awaitReplyStored();
        network.refuse(false);
        ClientRun run = client.await(30);

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo(String.join("", ScriptModeTest.slowReply(null, 20)) + NL);
        assertThat(run.err()).contains("the reply was finished meanwhile");
        assertThat(live.ollama.chatCalls()).hasSize(1);
    }

    @Test
    void interactiveModeGoesOnStreamingWhereTheReplyBrokeOff() throws Exception {
        try (InteractiveHarness chat = new InteractiveHarness(network.url(), null)) {
            chat.awaitOut("/help lists the commands.");
            chat.type("tell me a story");
            chat.awaitOut("w0 w1 w2 w3");

            network.cut();

            chat.awaitErr("connection lost (");
            chat.awaitErr("reconnected and resumed the conversation; the reply goes on.");
            chat.awaitOut("first token after");
            // A notice on stderr may break the reply's line; apart from that it must be whole and only once.
            String shown = chat.out().replace(System.lineSeparator(), "");
            assertThat(shown).contains(REPLY);
            assertThat(shown.indexOf("w1 ")).isEqualTo(shown.lastIndexOf("w1 "));
            assertThat(live.ollama.chatCalls()).hasSize(1);

            live.ollama.setReply(null);
            chat.type("and now?");
            chat.awaitOut("You said: and now? (turn 2)");     // the same conversation went on
        }
    }

    @Test
    void interactiveModeShowsTheRestOfAReplyThatFinishedWhileTheConnectionWasDown() throws Exception {
        live.ollama.setReply(call -> ScriptModeTest.slowReply(call, 20));
        try (InteractiveHarness chat = new InteractiveHarness(network.url(), null)) {
            chat.awaitOut("/help lists the commands.");
            chat.type("tell me a story");
            chat.awaitOut("w0 w1");

            network.refuse(true);
            network.cut();
            chat.awaitErr("connection lost (");
            awaitReplyStored();
            network.refuse(false);

            chat.awaitErr("reconnected and resumed the conversation; the reply was finished meanwhile.");
            chat.awaitOut("[finished while the connection was down]");
            String shown = chat.out().replace(System.lineSeparator(), "");
            assertThat(shown).contains(String.join("", ScriptModeTest.slowReply(null, 20)));
            assertThat(shown.indexOf("w1 ")).isEqualTo(shown.lastIndexOf("w1 "));
            assertThat(live.ollama.chatCalls()).hasSize(1);
        }
    }

    @Test
    void anotherClientResumingTheSessionMakesTheScriptStepAsideWithExitFive() throws Exception {
        ClientRun.Running client = ClientRun.start("", "--url", network.url(), "--prompt", "are you there?");
        awaitTokensWritten(5);
        String[] hello = network.lastHello();

        List<String> taken = new java.util.concurrent.CopyOnWriteArrayList<>();
        WebSocket other = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(live.url()), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        taken.add(data.toString());
                        socket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        other.sendText(ProtocolJson.writeClient(new ResumeRequest("s1", hello[0], hello[1], "c1", -1L)), true);
        ClientRun run = client.await(30);

        assertThat(run.exit()).isEqualTo(5);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("another client resumed this conversation").contains("4001");
        LiveServer.await(() -> taken.stream().anyMatch(frame -> frame.contains("\"type\":\"done\"")),
                "the other client to get the whole reply");
        assertThat(live.ollama.chatCalls()).hasSize(1);
        other.abort();
    }

    /**
     * The same drop, but the server sees its end of the connection fail too: a regression test for a reply that
     * stayed paused for a gone client (reading from Ollama paused for backpressure on a closing channel, and
     * neither the detach nor the resume let the stream read on).
     */
    @Test
    void aReplyGoesOnAfterADropThatTheServerSawToo() throws Exception {
        live.ollama.setTokenDelay(Duration.ofMillis(2));
        live.ollama.setReply(call -> ScriptModeTest.slowReply(call, 1500));
        for (int round = 0; round < 5; round++) {
            long before = live.ollama.chunksWritten();
            ClientRun.Running client = ClientRun.start("", "--url", network.url(), "--prompt", "round " + round);
            LiveServer.await(() -> live.ollama.chunksWritten() >= before + 50, "the reply to stream");

            network.cutBothEnds();

            assertThat(client.await(15).out()).as("round " + round).hasSize(REPLY_1500_LENGTH + NL.length());
        }
    }

    /** Waits until the server has stored the reply in the history of the session that said hello last. */
    private void awaitReplyStored() throws InterruptedException {
        String sessionId = network.lastHello()[0];
        LiveServer.await(() -> live.storedMessages(sessionId) == 2, "the reply to end on the server");
    }

    private void awaitTokensWritten(long count) throws InterruptedException {
        LiveServer.await(() -> live.ollama.chunksWritten() >= count, count + " tokens to stream");
    }
}
