package io.lanchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.standin.ChatCall;
import io.lanchat.standin.Fault;
import io.lanchat.standin.Message;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The scriptable mode end to end: the client in-process, the real server, the stand-in Ollama. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class ScriptModeTest {
    private static final String NL = System.lineSeparator();

    private LiveServer live;

    @BeforeEach
    void start() throws InterruptedException {
        live = LiveServer.start();
    }

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void linesOnStdinAreOneConversationWithEachReplyOnItsOwnLine() {
        ClientRun run = ClientRun.of("hello there\n\nwhat did I say?\n", "--url", live.url());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("You said: hello there (turn 1)" + NL + "You said: what did I say? (turn 2)" + NL);
        assertThat(run.err()).isEmpty();
        List<ChatCall> calls = live.ollama.chatCalls();
        assertThat(calls).hasSize(2);     // the blank line was not sent
        assertThat(calls.get(1).messages()).containsExactly(
                new Message("user", "hello there"),
                new Message("assistant", "You said: hello there (turn 1)"),
                new Message("user", "what did I say?"));
    }

    @Test
    void promptIsOneMessageEvenAcrossLinesAndStdinIsIgnored() {
        ClientRun run = ClientRun.of("not me\n", "--url", live.url(), "--prompt", "two\nlines");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("You said: two\nlines (turn 1)" + NL);
        assertThat(live.ollama.chatCalls()).hasSize(1);
    }

    @Test
    void modelFlagChoosesTheModel() {
        ClientRun run = ClientRun.of("", "--url=" + live.url(), "--model=qwen2.5:0.5b", "--prompt", "hi");

        assertThat(run.exit()).isZero();
        assertThat(live.ollama.chatCalls()).extracting(ChatCall::model).containsExactly("qwen2.5:0.5b");
    }

    @Test
    void urlComesFromTheEnvironmentUnlessTheFlagOverridesIt() throws IOException {
        String nowhere = "ws://127.0.0.1:" + freePort() + "/ws";

        ClientRun fromEnv = ClientRun.of("", Map.of("LANCHAT_URL", live.url()), "--prompt", "env");
        ClientRun flagWins = ClientRun.of("", Map.of("LANCHAT_URL", nowhere), "--url", live.url(), "--prompt", "flag");

        assertThat(fromEnv.exit()).isZero();
        assertThat(fromEnv.out()).contains("You said: env");
        assertThat(flagWins.exit()).isZero();
        assertThat(flagWins.out()).contains("You said: flag");
    }

    @Test
    void unreachableServerExitsTwoWithAClearMessage() throws IOException {
        String nowhere = "ws://127.0.0.1:" + freePort() + "/ws";

        ClientRun run = ClientRun.of("", "--url", nowhere, "--prompt", "anyone?");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("cannot reach the LAN Chat server at " + nowhere)
                .contains("connection refused").contains("gave up after 3 attempts");
    }

    @Test
    void missingModelExitsFour() {
        ClientRun run = ClientRun.of("", "--url", live.url(), "--model", "nope:1b", "--prompt", "hi");

        assertThat(run.exit()).isEqualTo(4);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("nope:1b").contains("[model_not_found]");
    }

    @Test
    void ollamaStoppedExitsThree() throws InterruptedException {
        live.ollama.stop();
        live.awaitOllama(false);

        ClientRun run = ClientRun.of("", "--url", live.url(), "--prompt", "hi");

        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("[ollama_unavailable]");
    }

    @Test
    void replyFailingMidStreamExitsFiveAndPrintsNoHalfAnswer() {
        live.ollama.setFault(Fault.ERROR_MID_STREAM);

        ClientRun run = ClientRun.of("first words then trouble\n", "--url", live.url());

        assertThat(run.exit()).isEqualTo(5);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("[ollama_error]");
    }

    @Test
    void serverRestartedMidReplyCannotResumeSoTheMessageIsSentAgainAndItsReplyPrintedOnce() throws Exception {
        live.ollama.setTokenDelay(Duration.ofMillis(20));
        live.ollama.setReply(call -> slowReply(call, 40));

        ClientRun.Running client = ClientRun.start("", "--url", live.url(), "--connect-attempts", "20",
                "--prompt", "are you there?");
        LiveServer.await(() -> live.ollama.openStreams() == 1, "the reply to start streaming");
        live.stopServer();
        live.startServerAgain();
        ClientRun run = client.await(20);

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo(String.join("", slowReply(null, 40)) + NL);
        assertThat(run.err()).contains("connection lost")
                .contains("the conversation could not be resumed [resume_failed]").contains("new session");
        assertThat(live.ollama.chatCalls()).hasSize(2)
                .allSatisfy(call -> assertThat(call.lastUserContent()).isEqualTo("are you there?"));
    }

    @Test
    void serverGoneForGoodMidReplyExitsTwo() throws Exception {
        live.ollama.setTokenDelay(Duration.ofMillis(20));
        live.ollama.setReply(call -> slowReply(call, 100));

        ClientRun.Running client = ClientRun.start("", "--url", live.url(), "--connect-attempts", "2",
                "--prompt", "hello?");
        LiveServer.await(() -> live.ollama.openStreams() == 1, "the reply to start streaming");
        live.stopServer();
        ClientRun run = client.await(20);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("connection lost").contains("cannot reach the LAN Chat server");
    }

    @Test
    void emptyStdinSendsNothingAndSucceeds() {
        ClientRun run = ClientRun.of("\n  \n", "--url", live.url());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("nothing to send");
        assertThat(live.ollama.chatCalls()).isEmpty();
    }

    /** "w0 w1 ... wN-1" one word per token: long enough to interrupt, and the same whatever the history. */
    static List<String> slowReply(ChatCall call, int words) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < words; i++) {
            tokens.add((i == 0 ? "w" : " w") + i);
        }
        return Collections.unmodifiableList(tokens);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
