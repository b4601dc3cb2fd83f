package io.lanchat.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** A reply that streams is drawn by appending: what is finished stays as it is, with the reader's selection. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(SharedChromium.class)
final class StreamingRenderTest {
    private LiveServer server;
    private ChatPage page;

    @BeforeEach
    void openPage(Chromium chromium) throws Exception {
        server = LiveServer.start("--parallel", "1");
        page = new ChatPage(chromium.driver).open(server.url());
    }

    @AfterEach
    void stopServer() {
        page.forgetEverything();
        server.close();
    }

    @Test
    void finishedParagraphsAreNotRedrawnAndASelectionSurvivesTheStream() {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            tokens.add("Paragraph " + i + " says ");
            tokens.add("something.\n\n");
        }
        server.ollama.setTokenDelay(Duration.ofMillis(40));
        server.ollama.setReply(call -> tokens);
        page.send("Write paragraphs");
        page.await(d -> page.lastReplyText().contains("Paragraph 5"), "a few paragraphs");

        page.script("""
                const first = document.querySelector('#transcript .msg.assistant .body p');
                window.firstParagraph = first;
                const range = document.createRange();
                range.selectNodeContents(first);
                getSelection().removeAllRanges();
                getSelection().addRange(range);
                """);
        page.await(d -> page.lastReplyText().contains("Paragraph 30"), "many more paragraphs");

        assertThat(page.script("return window.firstParagraph.isConnected")).isEqualTo(true);
        assertThat(page.script("return getSelection().toString()")).isEqualTo("Paragraph 0 says something.");
        page.awaitReplyEnded();
        assertThat(page.script("return window.firstParagraph.isConnected")).isEqualTo(true);
        assertThat(page.texts("#transcript .msg.assistant .body p")).hasSize(40).startsWith(
                "Paragraph 0 says something.", "Paragraph 1 says something.");
    }

    @Test
    void aCodeBlockWithBlankLinesStaysOneBlockWhileItStreams() {
        server.ollama.setTokenDelay(Duration.ofMillis(20));
        server.ollama.setReply(call -> List.of("Here:\n\n", "```python\n", "a = 1\n", "\n", "\n", "b = 2\n",
                "```\n", "\n", "Done."));

        page.send("code");
        page.awaitReplyEnded();

        assertThat(page.texts("#transcript .msg.assistant pre")).containsExactly("a = 1\n\n\nb = 2");
        assertThat(page.texts("#transcript .msg.assistant .body p")).containsExactly("Here:", "Done.");
    }

    @Test
    void theQueueEstimateMovesOnWhileWaiting() throws Exception {
        try (SideClient other = SideClient.connect(server.port())) {
            other.chat("warm", "warm up");                    // one measured reply, so waits come with an estimate
            other.await("\"type\":\"done\"");
            server.ollama.setTokenDelay(Duration.ofMillis(100));
            server.ollama.setReply(call -> call.lastUserContent().equals("hold the slot")
                    ? Collections.nCopies(50, "busy ") : List.of("Your ", "turn."));
            other.chat("hold", "hold the slot");
            other.await("\"type\":\"started\"");

            page.send("my turn?");

            WebElement reply = page.lastReply();
            Set<String> seen = new LinkedHashSet<>();
            page.await(d -> {
                String text = reply.findElement(By.className("body")).getText();
                if (text.startsWith("Waiting in line")) {
                    seen.add(text);
                }
                return seen.size() > 1 && text.contains("longer than estimated") ? text : null;
            }, "the estimate to move on");
            page.awaitReplyEnded();
            assertThat(page.lastReplyText()).isEqualTo("Your turn.");
        }
    }
}
