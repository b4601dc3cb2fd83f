package io.lanchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.standin.ChatCall;
import io.lanchat.standin.Fault;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The interactive chat, driven through its API against the real server and the stand-in Ollama. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class InteractiveSessionTest {
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
    void greetsThenStreamsTheReplyAndShowsTokenCountAndSpeed() throws Exception {
        try (InteractiveHarness chat = new InteractiveHarness(live.url(), null)) {
            assertThat(chat.awaitOut("/help lists the commands."))
                    .contains("Connected to " + live.url())
                    .contains("Model: llama3:8b. Installed: llama3:8b, qwen2.5:0.5b.");
            chat.awaitOut(ConsoleRenderer.PROMPT);

            chat.type("hello");

            chat.awaitOut("You said: hello (turn 1)");
            assertThat(chat.awaitOut("s]")).matches(
                    "(?s)\\R\\[llama3:8b, 4 tokens, \\d+\\.\\d tokens/s, first token after \\d+\\.\\d s]");
            chat.awaitOut(ConsoleRenderer.PROMPT);
        }
    }

    @Test
    void ctrlCWhileAReplyStreamsStopsItAndTheChatGoesOn() throws Exception {
        live.ollama.setTokenDelay(Duration.ofMillis(50));
        live.ollama.setReply(call -> ScriptModeTest.slowReply(call, 200));
        try (InteractiveHarness chat = InteractiveHarness.connect(live)) {
            CompletableFuture<ChatCall> cancellation = live.ollama.nextCancellation();
            chat.type("tell me a long story");
            chat.awaitOut("w0 w1 w2");

            chat.session.interrupt();

            chat.awaitOut("[stopped]");
            assertThat(cancellation.get(10, TimeUnit.SECONDS).lastUserContent()).isEqualTo("tell me a long story");
            assertThat(live.ollama.cancelledStreams()).isEqualTo(1);
            assertThat(chat.out()).doesNotContain("w199");

            live.ollama.setReply(null);
            chat.type("still there?");
            chat.awaitOut("You said: still there? (turn 2)");
            chat.awaitOut(ConsoleRenderer.PROMPT);

            chat.session.interrupt();       // at the prompt: quit
            assertThat(chat.awaitExit()).isEqualTo(ExitCode.OK);
        }
    }

    @Test
    void commandsListAndChooseModelsResetAndHelp() throws Exception {
        try (InteractiveHarness chat = InteractiveHarness.connect(live)) {
            chat.type("/models");
            assertThat(chat.awaitOut("Change it with /model NAME."))
                    .contains("  * llama3:8b  (").contains("server default")
                    .contains("    qwen2.5:0.5b  (")
                    .as("no prompt before the answer arrived").doesNotContain(ConsoleRenderer.PROMPT + ConsoleRenderer.PROMPT)
                    .doesNotContain(ConsoleRenderer.PROMPT + System.lineSeparator());

            chat.type("/model qwen2.5:0.5b").type("hi");
            chat.awaitOut("Using qwen2.5:0.5b from now on.");
            assertThat(chat.awaitOut(" s]")).contains("You said: hi (turn 1)").contains("[qwen2.5:0.5b, ");

            chat.type("again");
            chat.awaitOut("You said: again (turn 2)");
            chat.type("/reset");
            // A server that keeps conversations starts a new one and keeps the old (see protocol README, reset).
            chat.awaitOut("* New conversation; the one you left is kept (/chats lists it).");
            chat.type("after reset");
            chat.awaitOut("You said: after reset (turn 1)");

            chat.type("//slash at the start");
            chat.awaitOut("You said: /slash at the start (turn 2)");

            chat.type("/help");
            chat.awaitOut("/retry        send your last message again after an error");
            chat.type("/bogus");
            chat.awaitOut("Unknown command /bogus");

            chat.type("/quit");
            assertThat(chat.awaitExit()).isEqualTo(ExitCode.OK);
            assertThat(live.ollama.chatCalls()).extracting(ChatCall::model).containsOnly("qwen2.5:0.5b");
        }
    }

    @Test
    void missingModelIsShownAndRetryResendsWithTheModelChosenAfterwards() throws Exception {
        try (InteractiveHarness chat = InteractiveHarness.connect(live)) {
            chat.type("/model nope:1b");
            chat.awaitOut("did not list it as installed");

            chat.type("what is 2+2?");
            chat.awaitOut("Error (model_not_found): Model nope:1b is not installed");
            chat.awaitOut("then type /retry to send your message again.");

            chat.type("/model qwen2.5:0.5b").type("/retry");

            chat.awaitOut("You said: what is 2+2? (turn 1)");
            assertThat(live.ollama.chatCalls()).extracting(ChatCall::model).containsExactly("qwen2.5:0.5b");
        }
    }

    @Test
    void replyBrokenOffByOllamaIsMarkedAndRetryable() throws Exception {
        live.ollama.setFault(Fault.ERROR_MID_STREAM);
        try (InteractiveHarness chat = InteractiveHarness.connect(live)) {
            chat.type("tell me something");
            chat.awaitOut("[the partial reply above was discarded]");
            chat.awaitOut("Error (ollama_error): ");
            chat.awaitOut("Type /retry to send your message again.");

            live.ollama.setFault(Fault.NONE);
            chat.type("/retry");

            chat.awaitOut("You said: tell me something (turn 1)");
            assertThat(live.ollama.chatCalls()).hasSize(2);
        }
    }

    @Test
    void ollamaGoingAwayAndBackAndModelChangesAreAnnounced() throws Exception {
        try (InteractiveHarness chat = InteractiveHarness.connect(live)) {
            live.ollama.stop();
            chat.awaitOut("* Ollama is unavailable: ");

            chat.type("anyone?");
            chat.awaitOut("Error (ollama_unavailable): ");

            live.ollama.restart();
            chat.awaitOut("* Ollama is available again: ");
            chat.awaitOut("Type /retry to send your message again.");

            live.ollama.setModels("llama3:8b", "mistral:7b");
            chat.awaitOut("* The installed models changed: llama3:8b, mistral:7b.");
        }
    }

    @Test
    void afterTheServerRestartsItReconnectsAndSendsTheLineTypedMeanwhile() throws Exception {
        try (InteractiveHarness chat = InteractiveHarness.connect(live)) {
            chat.type("first");
            chat.awaitOut("You said: first (turn 1)");
            chat.awaitOut(" s]");     // done: a reply cut off by the restart would rightly be asked again

            live.stopServer();
            chat.awaitErr("connection lost (");
            chat.type("are you back?");
            chat.awaitOut("your message will be sent when the connection is back");
            live.startServerAgain();

            chat.awaitErr("reconnected, but the conversation could not be resumed [resume_failed]: the server"
                    + " started a new session");
            chat.awaitOut("You said: are you back? (turn 1)");
            List<ChatCall> calls = live.ollama.chatCalls();
            assertThat(calls).hasSize(2);
            assertThat(calls.get(1).messages()).hasSize(1);     // a new session: "first" is forgotten
        }
    }
}
