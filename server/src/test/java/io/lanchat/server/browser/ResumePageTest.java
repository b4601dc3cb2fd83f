package io.lanchat.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The page keeps its conversation across a reload, a dropped network and another tab taking it over: it resumes
 * the server's session (protocol/README.md, "Resuming after a dropped connection"), and a reply that was
 * streaming goes on to its full text with nothing lost and nothing twice.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(SharedChromium.class)
final class ResumePageTest {
    /** 60 words at 60 ms: long enough to reload or drop the network in the middle of it. */
    private static final List<String> WORDS = IntStream.range(0, 60).mapToObj(i -> "w" + i + " ").toList();
    private static final String FULL_TEXT = String.join("", WORDS).strip();

    private LiveServer server;
    private ChatPage page;

    @BeforeEach
    void start(Chromium chromium) throws Exception {
        server = LiveServer.start("--resume-grace", "20s");
        page = new ChatPage(chromium.driver);
    }

    @AfterEach
    void stop() {
        page.forgetEverything();
        server.close();
    }

    /** The second message gets the slow count; the others a quick answer. */
    private void slowCountOnTheSecondTurn() {
        server.ollama.setTokenDelay(Duration.ofMillis(60));
        server.ollama.setReply(call -> call.userTurns() == 2 ? WORDS
                : List.of("You ", "said: ", call.lastUserContent(), " (turn " + call.userTurns() + ")"));
    }

    @Test
    void aReloadInTheMiddleOfAReplyBringsTheConversationBackAndTheReplyGoesOn() {
        slowCountOnTheSecondTurn();
        page.open(server.url());
        page.send("first");
        page.awaitReplyEnded();
        page.send("count slowly");
        page.await(d -> page.lastReplyText().contains("w3"), "the reply to be under way");

        page.driver.navigate().refresh();

        page.await(d -> page.replies().size() == 2, "the conversation to come back");
        String afterReload = page.lastReplyText();
        assertThat(page.lastReply().getAttribute("class")).contains("streaming");
        assertThat(afterReload).doesNotContain("w59");
        WebElement reply = page.awaitReplyEnded();
        assertThat(page.lastReplyText()).isEqualTo(FULL_TEXT);
        assertThat(reply.findElement(By.className("stats")).getText()).startsWith("60 tokens");
        assertThat(page.texts("#transcript .msg.user .body")).containsExactly("first", "count slowly");
        assertThat(page.replies().get(0).findElement(By.className("body")).getText())
                .isEqualTo("You said: first (turn 1)");
        assertThat(page.texts("#transcript .notice, #transcript .error-box")).isEmpty();
        assertThat(server.ollama.chatCalls()).hasSize(2);       // the reply went on; nothing was asked twice

        page.send("and now?");                                  // the same conversation goes on
        page.await(d -> page.replies().size() == 3, "the third reply");
        page.awaitReplyEnded();
        assertThat(server.ollama.chatCalls().get(2).messages()).hasSize(5);
    }

    @Test
    void aDroppedNetworkInTheMiddleOfAReplyIsResumedInTheSameBubble() throws Exception {
        slowCountOnTheSecondTurn();
        try (CuttableNetwork network = CuttableNetwork.to(server.port())) {
            page.open(network.url());
            page.send("first");
            page.awaitReplyEnded();
            page.send("count slowly");
            WebElement reply = page.await(d -> page.lastReplyText().contains("w3") ? page.lastReply() : null,
                    "the reply to be under way");
            int connections = network.connectionsMade();

            network.cut();
            String beforeTheCut = reply.findElement(By.className("body")).getText();

            page.await(d -> !reply.getAttribute("class").contains("streaming"), "the reply to end");
            assertThat(network.connectionsMade()).isGreaterThan(connections);    // it did reconnect
            String text = reply.findElement(By.className("body")).getText();     // the same bubble
            assertThat(text).isEqualTo(FULL_TEXT).startsWith(beforeTheCut);
            assertThat(reply.getAttribute("class")).doesNotContain("interrupted").doesNotContain("failed");
            assertThat(page.replies()).hasSize(2);
            assertThat(page.texts("#transcript .notice, #transcript .error-box")).isEmpty();
            assertThat(page.banner().isDisplayed()).isFalse();
            assertThat(server.ollama.chatCalls()).hasSize(2);
        }
    }

    @Test
    void anotherTabTakingTheConversationStopsThisOneUntilTheReaderTakesItBack() throws Exception {
        page.open(server.url());
        page.send("hello from the first tab");
        page.awaitReplyEnded();
        WebDriver driver = page.driver;
        String firstTab = driver.getWindowHandle();

        page.script("window.open(location.href)");              // like duplicating the tab: sessionStorage is copied
        String secondTab = page.await(d -> {
            Set<String> handles = d.getWindowHandles();
            return handles.size() == 2 ? handles.stream().filter(h -> !h.equals(firstTab)).findFirst().get() : null;
        }, "the second tab");
        try {
            driver.switchTo().window(secondTab);
            page.awaitConnected();
            page.await(d -> page.replies().size() == 1, "the second tab to show the conversation");
            assertThat(page.texts("#transcript .msg.user .body")).containsExactly("hello from the first tab");

            driver.switchTo().window(firstTab);
            page.await(d -> page.banner().isDisplayed(), "the first tab to say where the conversation went");
            assertThat(page.banner().getText()).contains("open in another tab");
            assertThat(page.button("reconnect-now").getText()).isEqualTo("Use here");
            assertThat(page.statusState()).isEqualTo("offline");
            Thread.sleep(1500);                                   // no reconnecting by itself: no tug of war
            assertThat(page.banner().getText()).contains("open in another tab");

            page.button("reconnect-now").click();

            page.awaitConnected();
            assertThat(page.texts("#transcript .msg.user .body")).containsExactly("hello from the first tab");
            page.send("back in the first tab");
            page.await(d -> page.replies().size() == 2, "a reply in the first tab");
            page.awaitReplyEnded();
            assertThat(page.lastReplyText()).isEqualTo("You said: back in the first tab (turn 2)");
            driver.switchTo().window(secondTab);
            page.await(d -> page.banner().isDisplayed() && page.banner().getText().contains("open in another tab"),
                    "the second tab to step back");
        } finally {
            page.forgetEverything();
            driver.close();
            driver.switchTo().window(firstTab);
        }
    }
}
