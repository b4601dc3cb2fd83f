package io.lanchat.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** While Ollama is down the page says so in words for users, and a message that failed meanwhile is not lost. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(SharedChromium.class)
final class OllamaDownPageTest {
    private LiveServer server;
    private ChatPage page;

    @BeforeEach
    void openPage(Chromium chromium) throws Exception {
        server = LiveServer.start();
        page = new ChatPage(chromium.driver).open(server.url());
    }

    @AfterEach
    void stopServer() {
        page.forgetEverything();
        server.close();
    }

    @Test
    void theComposerSaysOllamaIsDownBeforeAnyoneSendsWithoutAdministratorsDetails() throws Exception {
        server.ollama.stop();

        page.await(d -> page.statusState().equals("down"), "the light to turn red");
        String status = page.await(d -> page.composerStatus().isEmpty() ? null : page.composerStatus(),
                "the composer to say Ollama is down");
        assertThat(status).contains("can’t write replies right now").contains("kept");
        WebElement light = page.statusLight();
        light.click();
        String popover = page.driver.findElement(By.id("ollama-reason")).getText();
        for (String shown : new String[] {status, popover, light.getAttribute("title"), light.getAccessibleName()}) {
            assertThat(shown).doesNotContain("127.0.0.1").doesNotContain("http://").doesNotContain("OLLAMA_HOST")
                    .doesNotContain("ollama serve");
        }
        page.assertNoAxeViolations("Ollama down, status popover open");

        server.ollama.restart();

        page.await(d -> page.statusState().equals("up"), "the light to turn green");
        page.await(d -> page.composerStatus().isEmpty(), "the composer to drop the notice");
        assertThat(page.statusLight().getAttribute("title")).doesNotContain("127.0.0.1");
    }

    @Test
    void aMessageThatFailedBecauseOllamaWasDownIsOfferedAgainWhenItIsBack() throws Exception {
        server.ollama.stop();
        page.await(d -> page.statusState().equals("down"), "the light to turn red");

        page.send("are you back?");

        WebElement error = page.await(d -> d.findElement(By.cssSelector("#transcript .error-box")), "the error");
        assertThat(error.getText()).doesNotContain("127.0.0.1").doesNotContain("ollama serve");
        assertThat(error.findElement(By.cssSelector("input[type=checkbox]")).isSelected()).isFalse();
        page.assertNoAxeViolations("a message kept while Ollama is down");

        server.ollama.restart();

        page.await(d -> error.getText().contains("Ollama is back"), "the offer to send the message again");
        assertThat(server.ollama.chatCalls()).isEmpty();     // not sent without being asked
        error.findElement(By.cssSelector("button.retry")).click();
        // Right after a restart Ollama may drop the first request (a stale connection): the message is then
        // offered again, and the person clicks Retry again.
        page.await(d -> {
            if (d.findElements(By.cssSelector("#transcript .msg.assistant .stats")).size() == 1) {
                return true;
            }
            for (WebElement retry : d.findElements(By.cssSelector("#transcript .error-box button.retry"))) {
                try {
                    retry.click();
                } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                    // retried meanwhile
                }
            }
            return false;
        }, "the reply");
        assertThat(page.lastReplyText()).isEqualTo("You said: are you back? (turn 1)");
    }

    @Test
    void whenAskedTheKeptMessageIsSentByItselfOnceOllamaIsBack() throws Exception {
        server.ollama.stop();
        page.await(d -> page.statusState().equals("down"), "the light to turn red");
        page.send("send it when you can");
        WebElement error = page.await(d -> d.findElement(By.cssSelector("#transcript .error-box")), "the error");

        error.findElement(By.cssSelector("label.auto-retry")).click();
        server.ollama.restart();

        page.await(d -> d.findElements(By.cssSelector("#transcript .msg.assistant .stats")).size() == 1,
                "the reply sent by itself");
        assertThat(page.lastReplyText()).isEqualTo("You said: send it when you can (turn 1)");
        assertThat(page.driver.findElements(By.cssSelector("#transcript .error-box"))).isEmpty();
    }
}
