package io.lanchat.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.lanchat.standin.ChatCall;
import io.lanchat.standin.Fault;
import io.lanchat.standin.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/** The chat page in real headless Chromium against the real server and a stand-in Ollama. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(SharedChromium.class)
final class ChatPageTest {
    private LiveServer server;
    private ChatPage page;

    @BeforeEach
    void openPage(Chromium chromium) throws Exception {
        server = LiveServer.start();
        page = new ChatPage(chromium.driver).open(server.url());
    }

    @AfterEach
    void stopServer() {
        page.forgetEverything();     // in case a later server gets the same port, hence origin
        server.close();
    }

    @Test
    void showsTheReplyPieceByPieceWhileItStreams() {
        server.ollama.setTokenDelay(Duration.ofMillis(150));
        server.ollama.setReply(call -> List.of("Streaming ", "arrives ", "one ", "piece ", "at ", "a ", "time, ",
                "like ", "this."));

        page.send("Show me streaming");

        String partial = page.await(d -> {
            String text = page.lastReplyText();
            return text.startsWith("Streaming") ? text : null;
        }, "the first pieces of the reply");
        assertThat(partial).doesNotContain("like this.");
        WebElement reply = page.awaitReplyEnded();
        assertThat(page.lastReplyText()).isEqualTo("Streaming arrives one piece at a time, like this.");
        assertThat(reply.findElement(By.className("stats")).getText())
                .matches("\\d+ tokens · \\d+\\.\\d tokens/s · first token after (\\d+ ms|\\d+\\.\\d s)");
        assertThat(page.driver.findElement(By.cssSelector("#transcript .msg.user .body")).getText())
                .isEqualTo("Show me streaming");
        assertThat(page.inputText()).isEmpty();
        assertThat(page.driver.findElement(By.id("announcer")).getDomProperty("textContent"))
                .isEqualTo("Reply: Streaming arrives one piece at a time, like this.");
    }

    @Test
    void theSecondMessageReachesTheModelWithTheFirstTurn() {
        page.send("first");
        page.awaitReplyEnded();
        page.send("second");
        page.await(d -> page.replies().size() == 2, "the second reply");
        page.awaitReplyEnded();

        assertThat(page.lastReplyText()).isEqualTo("You said: second (turn 2)");
        List<ChatCall> calls = server.ollama.chatCalls();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).messages()).extracting(Message::role, Message::content).containsExactly(
                tuple("user", "first"), tuple("assistant", "You said: first (turn 1)"), tuple("user", "second"));
    }

    @Test
    void stopEndsTheReplyAndKeepsWhatWasWritten() throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            tokens.add("w" + i + " ");
        }
        server.ollama.setTokenDelay(Duration.ofMillis(80));
        server.ollama.setReply(call -> tokens);
        CompletableFuture<ChatCall> cancellation = server.ollama.nextCancellation();
        page.send("Count for a long time");
        page.await(d -> page.lastReplyText().contains("w3"), "a few words of the reply");

        page.button("stop").click();

        WebElement reply = page.awaitReplyEnded();
        assertThat(reply.getAttribute("class")).contains("stopped");
        assertThat(reply.findElement(By.cssSelector(".badge.stopped")).getText()).isEqualTo("Stopped");
        assertThat(page.lastReplyText()).startsWith("w0 w1 w2 w3").doesNotContain("w79");
        assertThat(cancellation.get(5, TimeUnit.SECONDS).lastUserContent()).isEqualTo("Count for a long time");
        assertThat(page.button("stop").isDisplayed()).isFalse();
        assertThat(page.button("send").isDisplayed()).isTrue();
    }

    @Test
    void stopAlsoWorksWhileTheModelIsStillLoading() throws Exception {
        server.ollama.setLoadDelay(Duration.ofSeconds(3));
        page.send("Wake up");
        page.await(d -> server.ollama.chatCalls().size() == 1, "the request to reach Ollama");

        page.button("stop").click();

        WebElement reply = page.awaitReplyEnded();
        assertThat(reply.findElement(By.cssSelector(".badge.stopped")).getText()).isEqualTo("Stopped");
        assertThat(page.lastReplyText()).isEqualTo("Stopped before any text was written.");
        server.ollama.setLoadDelay(Duration.ZERO);
        page.send("Still there?");
        page.await(d -> page.replies().size() == 2, "the next reply");
        page.awaitReplyEnded();
        assertThat(page.lastReplyText()).isEqualTo("You said: Still there? (turn 2)");
        assertThat(page.driver.findElements(By.cssSelector("#transcript .error-box"))).isEmpty();
    }

    @Test
    void htmlAndScriptFromTheModelOrTheUserStayInertText() {
        server.ollama.setReply(call -> List.of("Look: <script>window.pwned = 'script'</script> then ",
                "<img src=x onerror=\"window.pwned = 'img'; alert('img')\"> then ",
                "[a link](javascript:window.pwned='link') and <a href=\"javascript:alert(1)\">raw link</a>",
                "\n\n<iframe src=\"/\"></iframe>\n\nA [safe link](https://example.org/)."));

        page.send("<b>bold?</b> <img src=x onerror=\"window.pwned='user'\">");
        page.awaitReplyEnded();

        assertThat(page.driver.findElement(By.cssSelector("#transcript .msg.user .body")).getText())
                .isEqualTo("<b>bold?</b> <img src=x onerror=\"window.pwned='user'\">");
        assertThat(page.lastReplyText()).contains("<script>window.pwned = 'script'</script>")
                .contains("<img src=x onerror=").contains("a link").contains("<iframe src=\"/\"></iframe>");
        assertThat(page.script("return document.querySelectorAll('#transcript .msg img, #transcript .msg script,"
                + " #transcript .msg iframe, #transcript .msg b').length")).isEqualTo(0L);
        assertThat(page.script("return typeof window.pwned")).isEqualTo("undefined");
        @SuppressWarnings("unchecked")
        List<String> hrefs = (List<String>) page.script(
                "return [...document.querySelectorAll('#transcript .msg a')].map(a => a.getAttribute('href') || '')");
        assertThat(hrefs).contains("https://example.org/")
                .allSatisfy(href -> assertThat(href.strip().toLowerCase()).doesNotStartWith("javascript:"));
        assertThatThrownBy(() -> page.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void aFailedReplyCanBeRetriedWithTheChosenModel() {
        server.ollama.setFault(Fault.HTTP_503_BUSY);
        page.send("Are you there?");
        WebElement error = page.await(d -> d.findElement(By.cssSelector("#transcript .error-box")), "the error");
        assertThat(error.getText()).contains("Ollama is busy").contains("Try again in a moment");

        server.ollama.setFault(Fault.NONE);
        page.modelPicker().selectByValue(LiveServer.OTHER_MODEL);
        error.findElement(By.cssSelector("button.retry")).click();

        page.await(d -> d.findElements(By.cssSelector("#transcript .msg.assistant .stats")).size() == 1, "the reply");
        assertThat(page.lastReplyText()).isEqualTo("You said: Are you there? (turn 1)");
        assertThat(page.driver.findElements(By.cssSelector("#transcript .error-box"))).isEmpty();
        List<ChatCall> calls = server.ollama.chatCalls();
        assertThat(calls).extracting(ChatCall::lastUserContent).containsExactly("Are you there?", "Are you there?");
        assertThat(calls.get(1).model()).isEqualTo(LiveServer.OTHER_MODEL);
    }

    @Test
    void theModelPickerListsInstalledModelsFollowsChangesAndRemembersTheChoice() throws Exception {
        assertThat(page.modelPicker().getOptions()).extracting(o -> o.getAttribute("value"))
                .containsExactly(LiveServer.DEFAULT_MODEL, LiveServer.OTHER_MODEL);
        assertThat(page.modelPicker().getFirstSelectedOption().getAttribute("value")).isEqualTo(LiveServer.DEFAULT_MODEL);

        page.modelPicker().selectByValue(LiveServer.OTHER_MODEL);
        page.send("hi");
        page.awaitReplyEnded();
        server.ollama.setModels(LiveServer.DEFAULT_MODEL, LiveServer.OTHER_MODEL, "mistral:7b");

        page.await(d -> page.modelPicker().getOptions().size() == 3, "models_changed to reach the picker");
        assertThat(server.ollama.chatCalls().get(0).model()).isEqualTo(LiveServer.OTHER_MODEL);
        assertThat(page.modelPicker().getFirstSelectedOption().getAttribute("value")).isEqualTo(LiveServer.OTHER_MODEL);
        page.driver.navigate().refresh();
        page.awaitConnected();
        assertThat(page.modelPicker().getFirstSelectedOption().getAttribute("value")).isEqualTo(LiveServer.OTHER_MODEL);
    }

    @Test
    void messagesLeftOutBecauseTheyNoLongerFitTheModelsContextAreShownSo() {
        // 100 tokens: the stand-in refuses the third question with the whole history (truncate:false); the server
        // leaves out the oldest exchange and says why (see ContextOverflowTest for the sizes).
        server.ollama.setModels(LiveServer.DEFAULT_MODEL, LiveServer.OTHER_MODEL, "tiny-ctx:latest");
        server.ollama.setCapabilities("tiny-ctx:latest", List.of("completion"), 100);
        server.ollama.setReply(call -> List.of("ok."));
        page.await(d -> {
            try {
                return page.modelPicker().getOptions().stream()
                        .anyMatch(o -> "tiny-ctx:latest".equals(o.getDomProperty("value")));
            } catch (org.openqa.selenium.StaleElementReferenceException listRedrawn) {
                return false;
            }
        }, "the small model to be listed");
        page.modelPicker().selectByValue("tiny-ctx:latest");
        for (int i = 1; i <= 4; i++) {
            int n = i;
            page.send("Question " + i + ": " + "x".repeat(68));
            page.await(d -> page.replies().size() == n, "reply " + n);
            page.awaitReplyEnded();
        }

        assertThat(page.lastReply().findElement(By.className("trimmed")).getText())
                .startsWith("2 older messages were left out to fit the model's context");
    }

    @Test
    void newChatClearsTheConversationAndTrimmingIsShown() throws Exception {
        server.close();
        server = LiveServer.start("--history-budget-chars", "30");
        page.open(server.url());
        page.send("first message");
        page.awaitReplyEnded();
        page.send("second");
        page.await(d -> page.replies().size() == 2, "the second reply");

        WebElement second = page.awaitReplyEnded();
        assertThat(second.findElement(By.className("trimmed")).getText()).startsWith("2 older messages were left out");

        page.button("new-chat").click();
        page.await(d -> page.replies().isEmpty(), "the transcript to clear");
        page.send("again");
        page.awaitReplyEnded();
        assertThat(page.lastReplyText()).isEqualTo("You said: again (turn 1)");
    }

    @Test
    void followsTheStreamUnlessTheReaderScrollsUp() {
        server.ollama.setTokenDelay(Duration.ofMillis(30));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            lines.add("Line " + i + " of a long answer.\n\n");
        }
        server.ollama.setReply(call -> lines);
        page.send("Write a lot");
        page.await(d -> page.lastReplyText().contains("Line 20"), "enough text to scroll");
        page.await(d -> atBottom(), "the view to follow the stream");

        page.script("document.getElementById('scroller').scrollTop = 0");
        page.await(d -> page.lastReplyText().contains("Line 30"), "more text");

        assertThat(page.script("return document.getElementById('scroller').scrollTop")).isEqualTo(0L);
        WebElement jump = page.button("jump");
        assertThat(jump.isDisplayed()).isTrue();
        jump.click();
        page.awaitReplyEnded();
        page.await(d -> atBottom(), "the view to follow the stream again");
    }

    private boolean atBottom() {
        return (Boolean) page.script("const s = document.getElementById('scroller');"
                + " return s.scrollHeight - s.scrollTop - s.clientHeight < 2;");
    }
}
