package io.lanchat.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Waiting is never just a spinner: the page shows its place in the server's queue, then the reply. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(SharedChromium.class)
final class QueuePageTest {
    private LiveServer server;
    private ChatPage page;

    @BeforeEach
    void start(Chromium chromium) throws Exception {
        server = LiveServer.start("--parallel", "1");
        page = new ChatPage(chromium.driver).open(server.url());
    }

    @AfterEach
    void stop() {
        page.forgetEverything();
        server.close();
    }

    @Test
    void whileSomeoneElseHasTheOnlySlotThePageShowsItsPlaceInLineThenTheReply() throws Exception {
        try (SideClient other = SideClient.connect(server.port())) {
            other.chat("warm", "warm up");                    // one measured reply, so waits come with an estimate
            other.await("\"type\":\"done\"");
            server.ollama.setTokenDelay(Duration.ofMillis(60));
            server.ollama.setReply(call -> call.lastUserContent().equals("hold the slot")
                    ? Collections.nCopies(35, "busy ") : List.of("Your ", "turn ", "now."));
            other.chat("hold", "hold the slot");
            other.await("\"type\":\"started\"");

            page.send("my turn?");

            WebElement reply = page.lastReply();
            String waiting = page.await(d -> {
                String text = reply.findElement(By.className("body")).getText();
                return text.startsWith("Waiting in line") ? text : null;
            }, "the place in line");
            assertThat(waiting).matches("Waiting in line — 1st, about \\d+ s");
            page.await(d -> page.announcement().matches("Waiting in line: 1st, about \\d+ seconds?\\."),
                    "the place in line to be announced");
            assertThat(reply.getAttribute("aria-busy")).isEqualTo("true");

            page.awaitReplyEnded();
            assertThat(page.lastReplyText()).isEqualTo("Your turn now.");
            String stats = reply.findElement(By.className("stats")).getText();
            // seconds, not milliseconds: it waited for the other reply
            assertThat(stats).matches("3 tokens · \\d+\\.\\d tokens/s · first token after \\d+\\.\\d s");
            other.await("\"type\":\"done\"");
        }
    }
}
