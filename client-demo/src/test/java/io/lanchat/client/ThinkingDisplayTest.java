package io.lanchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.standin.ChatCall;
import io.lanchat.standin.Thinking;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A thinking model in the interactive chat: the reasoning apart under "Thinking…", then the answer; /think. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class ThinkingDisplayTest {
    private LiveServer live;

    @BeforeEach
    void start() throws InterruptedException {
        live = LiveServer.start();
        live.ollama.setThinking("qwen3:0.6b", Thinking.TOGGLE);
        live.awaitThinkingModel("qwen3:0.6b");
    }

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void showsTheReasoningUnderThinkingThenHowLongThenTheAnswer() throws Exception {
        try (InteractiveHarness chat = InteractiveHarness.connect(live)) {
            chat.type("/model qwen3:0.6b");
            chat.type("why?");

            String shown = chat.awaitOut("s]");

            assertThat(shown).containsSubsequence("Thinking…\n", "Thinking about: why?", "\nThought for ",
                    "\nYou said: why? (turn 1)", "\n[qwen3:0.6b, thought for ");
            assertThat(shown).doesNotContain("\u001B[");        // not a terminal: no styles
        }
    }

    @Test
    void thinkSetsWhatTheNextMessagesAskFor() throws Exception {
        try (InteractiveHarness chat = InteractiveHarness.connect(live)) {
            chat.type("/model qwen3:0.6b");
            chat.type("/think off");
            chat.awaitOut("Thinking: off from now on.");
            chat.type("quick");
            chat.awaitOut("You said: quick (turn 1)");

            chat.type("/think bogus");
            chat.awaitOut("Unknown thinking setting bogus");
            chat.type("/think default");
            chat.awaitOut("Thinking: the model's default from now on.");
            chat.type("again");
            chat.awaitOut("Thought for ");

            List<ChatCall> calls = live.ollama.chatCalls();
            assertThat(calls.get(0).think()).isEqualTo(false);
            assertThat(calls.get(1).think()).isNull();
            assertThat(chat.out()).doesNotContain("Thinking about: quick");
        }
    }

    @Test
    void saysWhenTheModelInUseCannotThink() throws Exception {
        try (InteractiveHarness chat = InteractiveHarness.connect(live)) {
            chat.type("/think high");

            assertThat(chat.awaitOut("thinking models)")).contains("llama3:8b does not think");
        }
    }
}
