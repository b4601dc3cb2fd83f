package io.lanchat.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.standin.ChatCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The rough edges found in real use (issue 13, item 5), each as a person meets it in real Chromium. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(SharedChromium.class)
final class PageEdgesTest {
    private LiveServer server;
    private ChatPage page;

    @BeforeEach
    void openPage(Chromium chromium) throws Exception {
        server = LiveServer.start("--max-message-chars", "30");
        page = new ChatPage(chromium.driver).open(server.url());
    }

    @AfterEach
    void stopServer() {
        page.stopEmulating();
        page.forgetEverything();
        server.close();
    }

    @Test
    void escapeStopsAStreamingReply() {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            tokens.add("w" + i + " ");
        }
        server.ollama.setTokenDelay(Duration.ofMillis(80));
        server.ollama.setReply(call -> tokens);
        page.send("Count for a long time");
        page.await(d -> page.lastReplyText().contains("w3"), "a few words of the reply");
        page.assertNoAxeViolations("a reply streaming");
        page.statusLight().click();
        page.statusLight().sendKeys(Keys.ESCAPE);              // closes the status note, and only that
        assertThat(page.driver.findElement(By.id("ollama-reason")).isDisplayed()).isFalse();
        assertThat(page.lastReply().getAttribute("class")).contains("streaming");

        page.input().sendKeys(Keys.ESCAPE);

        WebElement reply = page.awaitReplyEnded();
        assertThat(reply.findElement(By.cssSelector(".badge.stopped")).getText()).isEqualTo("Stopped");
        assertThat(page.lastReplyText()).doesNotContain("w79");
    }

    @Test
    void theOverLimitWarningClearsOnceTheTextIsShortEnoughAndSendIsDisabledWhileOver() {
        page.type("x".repeat(35));

        page.await(d -> page.composerStatus().contains("35 characters"), "the over-limit warning");
        assertThat(page.button("send").isEnabled()).isFalse();
        page.input().sendKeys(Keys.ENTER);
        assertThat(page.driver.findElements(By.cssSelector("#transcript .msg.user"))).isEmpty();
        page.assertNoAxeViolations("over the limit");

        for (int i = 0; i < 6; i++) {
            page.input().sendKeys(Keys.BACK_SPACE);
        }

        page.await(d -> page.composerStatus().isEmpty(), "the warning to clear");
        assertThat(page.button("send").isEnabled()).isTrue();
    }

    @Test
    void restoredRepliesKeepTheirModelLabelAndTimingLineAfterAReload() {
        page.send("remember me");
        WebElement reply = page.awaitReplyEnded();
        page.await(d -> !reply.findElements(By.className("stats")).isEmpty(), "the timing line");
        String who = reply.findElement(By.className("who")).getText();
        String stats = reply.findElement(By.className("stats")).getText();
        assertThat(who).contains(LiveServer.DEFAULT_MODEL);

        page.driver.navigate().refresh();
        page.awaitConnected();

        WebElement restored = page.lastReply();
        assertThat(restored.findElement(By.className("who")).getText()).isEqualTo(who);
        assertThat(restored.findElement(By.className("stats")).getText()).isEqualTo(stats);
    }

    @Test
    void theUnsentDraftSurvivesAReload() {
        page.send("a first message");
        page.awaitReplyEnded();
        page.type("half a thought");

        page.driver.navigate().refresh();
        page.awaitConnected();

        page.await(d -> page.inputText().equals("half a thought"), "the draft to come back");
        assertThat(page.script("const id = JSON.parse(sessionStorage.getItem('lanchat.session')).sessionId;"
                + " return localStorage.getItem('lanchat.draft.' + id)")).as("kept under this conversation's id")
                .isEqualTo("half a thought");
        page.input().sendKeys(Keys.ENTER);
        page.await(d -> page.replies().size() == 2, "the second reply");
        page.awaitReplyEnded();
        page.driver.navigate().refresh();
        page.awaitConnected();
        assertThat(page.inputText()).isEmpty();       // sent: no longer a draft
    }

    @Test
    void onAPhoneEnterStartsANewLineAndTheSendButtonSends() {
        page.emulatePhone();

        page.type("line one");
        page.input().sendKeys(Keys.ENTER);
        page.type("line two");

        assertThat(page.inputText()).isEqualTo("line one\nline two");
        assertThat(page.driver.findElements(By.cssSelector("#transcript .msg.user"))).isEmpty();
        page.assertNoAxeViolations("phone, text typed");
        page.button("send").click();
        page.awaitReplyEnded();
        assertThat(page.driver.findElement(By.cssSelector("#transcript .msg.user .body")).getText())
                .isEqualTo("line one\nline two");
    }

    @Test
    void wideTablesScrollSidewaysAndKeepTheirColumnAlignment() {
        String wide = "| Left | Centre | Right | Notes |\n|:--|:-:|--:|---|\n"
                + "| a | b | c | Supercalifragilisticexpialidociousantidisestablishmentarianism"
                + "pneumonoultramicroscopicsilicovolcanoconiosis |\n";
        server.ollama.setReply(call -> List.of(wide));

        page.send("a table please");
        page.awaitReplyEnded();

        assertThat(page.script("""
                const cell = document.querySelector('#transcript td:last-child');
                const range = document.createRange();
                range.selectNodeContents(cell);
                const words = [...range.getClientRects()].length;
                const box = cell.closest('.table-scroll');
                return box !== null && box.scrollWidth > box.clientWidth
                    && getComputedStyle(box).overflowX === 'auto' && words <= 1;
                """)).as("the table scrolls sideways and its words stay whole").isEqualTo(true);
        assertThat(page.script("return [...document.querySelectorAll('#transcript tbody td')].slice(0, 3)"
                + ".map(td => getComputedStyle(td).textAlign)")).isEqualTo(List.of("left", "center", "right"));
        assertThat(page.script("return [...document.querySelectorAll('#transcript thead th')].slice(0, 3)"
                + ".map(th => getComputedStyle(th).textAlign)")).isEqualTo(List.of("left", "center", "right"));
        page.assertNoAxeViolations("a wide table");
    }

    @Test
    void aLinkWhoseAddressWasRemovedIsPlainText() {
        server.ollama.setReply(call -> List.of("Try [this trick](javascript:alert(1)) or [that site](https://example.org/)."));

        page.send("links");
        page.awaitReplyEnded();

        assertThat(page.texts("#transcript .msg.assistant .body a")).containsExactly("that site");
        assertThat(page.lastReplyText()).isEqualTo("Try this trick or that site.");
    }

    @Test
    void aMissingModelStaysChosenAndRetryUsesTheModelTheMessageWasSentWith() throws Exception {
        page.modelPicker().selectByValue(LiveServer.OTHER_MODEL);
        server.ollama.setModels(LiveServer.DEFAULT_MODEL);
        page.await(d -> page.chosenModelText().contains("not installed"),
                "the picker to mark the chosen model as missing");
        assertThat(page.modelPicker().getFirstSelectedOption().getAttribute("value")).isEqualTo(LiveServer.OTHER_MODEL);

        page.send("which model?");

        WebElement error = page.await(d -> d.findElement(By.cssSelector("#transcript .error-box")), "the error");
        assertThat(error.findElements(By.tagName("code"))).extracting(WebElement::getText)
                .contains("ollama pull " + LiveServer.OTHER_MODEL);
        assertThat(error.getText()).doesNotContain("`");
        page.assertNoAxeViolations("an error with inline code");
        server.ollama.setModels(LiveServer.DEFAULT_MODEL, LiveServer.OTHER_MODEL);
        page.await(d -> !page.chosenModelText().contains("not installed"),
                "the model to be back");
        error.findElement(By.cssSelector("button.retry")).click();
        page.await(d -> d.findElements(By.cssSelector("#transcript .msg.assistant .stats")).size() == 1, "the reply");
        assertThat(server.ollama.chatCalls()).extracting(ChatCall::model).containsExactly(LiveServer.OTHER_MODEL);
    }

    @Test
    void linksMeetContrastInBothThemes() {
        server.ollama.setReply(call -> List.of("See [the docs](https://example.org/)."));
        page.send("a link");
        page.awaitReplyEnded();

        assertThat(page.contrastOf("#transcript .msg.assistant .body a")).as("light theme").isGreaterThanOrEqualTo(4.5);
        page.emulateColorScheme("dark");
        assertThat(page.contrastOf("#transcript .msg.assistant .body a")).as("dark theme").isGreaterThanOrEqualTo(4.5);
        page.assertNoAxeViolations("dark theme, a finished reply");
    }
}
