package io.lanchat.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.standin.Thinking;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A thinking model's reasoning on the page (protocol/README.md, "Thinking models"): an open "Thinking…" block
 * that grows while the model thinks, folded to "Thought for N s" once the answer comes, drawn as sanitized
 * Markdown and never part of the answer; folded again in a restored conversation; carried through a resume.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(SharedChromium.class)
final class ThinkingPageTest {
    static final String QWEN3 = "qwen3:0.6b";
    static final String DEEPSEEK = "deepseek-r1:1.5b";
    /** The stand-in thinks "Thinking about: " + the prompt, a word a chunk: 30 words are a few seconds of it. */
    private static final String LONG_PROMPT = "**why** is the sky blue <img src=x onerror=window.hacked=1> "
            + IntStream.range(0, 30).mapToObj(i -> "t" + i).collect(Collectors.joining(" "));

    private LiveServer server;
    private ChatPage page;

    @BeforeEach
    void start(Chromium chromium) throws Exception {
        server = LiveServer.start("--resume-grace", "20s");
        server.ollama.setThinking(QWEN3, Thinking.TOGGLE);
        server.ollama.setThinking(DEEPSEEK, Thinking.INLINE);
        page = new ChatPage(chromium.driver);
    }

    @AfterEach
    void stop() {
        page.forgetEverything();
        server.close();
    }

    private void openWith(String url, String model) {
        page.open(url);
        page.await(d -> page.modelPicker().getOptions().stream()
                .anyMatch(o -> model.equals(o.getDomProperty("value"))), "the model " + model + " to be listed");
        page.modelPicker().selectByValue(model);
        recordWarnings();
    }

    /** Keeps what the page warns on its console (a seq out of order, say) where the test can read it. */
    private void recordWarnings() {
        page.script("window.warned = []; const warn = console.warn;"
                + "console.warn = (...a) => { window.warned.push(a.join(' ')); warn.apply(console, a); };");
    }

    private List<?> warnings() {
        return (List<?>) page.script("return window.warned");
    }

    private static WebElement block(WebElement reply) {
        return reply.findElement(By.cssSelector("details.thinking"));
    }

    private static String summary(WebElement reply) {
        return block(reply).findElement(By.tagName("summary")).getText();
    }

    private static boolean isOpen(WebElement reply) {
        return block(reply).getDomProperty("open").equals("true");
    }

    /** The reasoning's text, read from the DOM (a folded block shows none of it). */
    private static String reasoning(WebElement reply) {
        return block(reply).findElement(By.className("thinking-body")).getDomProperty("textContent");
    }

    @Test
    void theReasoningStreamsOpenUnderThinkingThenFoldsToThoughtForWhenTheAnswerComes() {
        server.ollama.setTokenDelay(Duration.ofMillis(80));
        openWith(server.url(), QWEN3);

        page.send(LONG_PROMPT);

        WebElement reply = page.await(d -> {
            WebElement last = page.lastReply();
            return !last.findElements(By.cssSelector("details.thinking")).isEmpty()
                    && reasoning(last).contains("sky") ? last : null;
        }, "the reasoning to stream");
        assertThat(isOpen(reply)).isTrue();
        assertThat(summary(reply)).isEqualTo("Thinking…");
        assertThat(reply.findElement(By.className("body")).getText()).as("no answer yet").isEmpty();

        page.awaitReplyEnded();
        assertThat(isOpen(reply)).isFalse();
        assertThat(summary(reply)).matches("Thought for (\\d+ s|less than a second)");
        String answer = reply.findElement(By.className("body")).getText();
        assertThat(answer).isNotEmpty().doesNotContain("Thinking about");
        assertThat(reasoning(reply)).startsWith("Thinking about: why is the sky blue").contains("t29");
        WebElement body = block(reply).findElement(By.className("thinking-body"));
        assertThat(body.findElements(By.tagName("strong"))).as("Markdown, like replies").isNotEmpty();
        assertThat(body.findElements(By.tagName("img"))).as("sanitized, like replies").isEmpty();
        assertThat(page.script("return window.hacked === undefined")).isEqualTo(true);
        assertThat(warnings()).as("thinking and token frames share one seq numbering").isEmpty();

        block(reply).findElement(By.tagName("summary")).click();          // a reader can open it again
        assertThat(isOpen(reply)).isTrue();
    }

    @Test
    void phaseThinkingShowsThinkingNotWaiting() {
        server.ollama.setLoadDelay(Duration.ofMillis(300));
        server.ollama.setTokenDelay(Duration.ofMillis(80));
        openWith(server.url(), QWEN3);

        page.send(LONG_PROMPT);

        WebElement reply = page.await(d -> {
            WebElement last = page.lastReply();
            return last.findElements(By.cssSelector("details.thinking")).isEmpty() ? null : last;
        }, "the thinking block");
        assertThat(summary(reply)).isEqualTo("Thinking…");
        assertThat(reply.getText()).doesNotContain("waiting").doesNotContain("Waiting");
        page.awaitReplyEnded();
    }

    @Test
    void aModelThatWritesThinkTagsInlineShowsTheBlockAndNeverTheTags() {
        openWith(server.url(), DEEPSEEK);

        page.send("hello there");

        WebElement reply = page.awaitReplyEnded();
        assertThat(reply.getDomProperty("textContent")).doesNotContain("<think>").doesNotContain("</think>");
        assertThat(reasoning(reply)).contains("hello there");
        assertThat(isOpen(reply)).isFalse();
    }

    @Test
    void aRestoredConversationShowsTheReasoningFolded() {
        openWith(server.url(), QWEN3);
        page.send("first question");
        page.awaitReplyEnded();
        String answer = page.lastReplyText();

        page.driver.navigate().refresh();

        page.awaitConnected();
        WebElement reply = page.await(d -> page.replies().size() == 1 ? page.lastReply() : null,
                "the conversation to come back");
        assertThat(page.lastReplyText()).isEqualTo(answer);
        assertThat(isOpen(reply)).isFalse();
        assertThat(summary(reply)).as("the stored thinking time").matches("Thought for (\\d+ s|less than a second)");
        assertThat(reasoning(reply)).startsWith("Thinking about: first question");

        page.newChat();
        page.openConversation("first question");               // opened from the sidebar
        WebElement opened = page.await(d -> page.replies().size() == 1 ? page.lastReply() : null,
                "the conversation to open");
        assertThat(isOpen(opened)).isFalse();
        assertThat(summary(opened)).matches("Thought for (\\d+ s|less than a second)");
        assertThat(reasoning(opened)).startsWith("Thinking about: first question");
    }

    @Test
    void aDroppedNetworkWhileTheModelThinksIsResumedWithNothingLostOrTwice() throws Exception {
        server.ollama.setTokenDelay(Duration.ofMillis(80));
        try (CuttableNetwork network = CuttableNetwork.to(server.port())) {
            openWith(network.url(), QWEN3);
            page.send(LONG_PROMPT);
            WebElement reply = page.await(d -> {
                WebElement last = page.lastReply();
                return !last.findElements(By.cssSelector("details.thinking")).isEmpty()
                        && reasoning(last).contains("t2") ? last : null;
            }, "the model to be thinking");

            network.cut();

            page.await(d -> !reply.getAttribute("class").contains("streaming"), "the reply to end");
            String expected = "Thinking about: " + LONG_PROMPT.replace("**why**", "why");   // as drawn
            assertThat(reasoning(reply).replaceAll("\\s+", " ").strip())
                    .as("the reasoning whole, once").isEqualTo(expected);
            assertThat(reply.findElement(By.className("body")).getText()).isNotEmpty();
            assertThat(reply.getAttribute("class")).doesNotContain("interrupted").doesNotContain("failed");
            assertThat(page.replies()).hasSize(1);
            assertThat(server.ollama.chatCalls()).hasSize(1);
            assertThat(warnings()).isEmpty();
        }
    }

    @Test
    void aConversationsThinkingChoiceIsShownAndKeptWhenItsSettingsAreSaved(@TempDir Path dir) throws Exception {
        Path export = dir.resolve("quick.json");
        Files.writeString(export, """
                {"format":"lanchat-conversation","version":1,"title":"Quick answers","createdAt":"2025-03-14T10:01:05Z",
                 "updatedAt":"2025-03-14T10:03:30Z","settings":{"model":null,"system":null,"think":"off"},
                 "messages":[{"role":"user","content":"hi","state":"complete","model":null,"createdAt":"2025-03-14T10:01:05Z"},
                  {"role":"assistant","content":"hello","thinking":"A greeting: **greet** back.","state":"complete",
                   "model":"qwen3:0.6b","createdAt":"2025-03-14T10:01:06Z"}]}
                """);
        openWith(server.url(), QWEN3);
        page.script("document.getElementById('import-file').hidden = false;");
        page.driver.findElement(By.id("import-file")).sendKeys(export.toString());
        page.openConversation("Quick answers");
        WebElement imported = page.await(d -> page.replies().size() == 1
                && !page.lastReply().findElements(By.cssSelector("details.thinking")).isEmpty()
                ? page.lastReply() : null, "the imported reply with its reasoning");
        assertThat(isOpen(imported)).isFalse();
        assertThat(reasoning(imported).strip()).isEqualTo("A greeting: greet back.");
        assertThat(page.driver.findElement(By.id("settings-summary")).getText()).contains("thinking off");

        page.button("chat-settings").click();
        WebElement dialog = page.driver.findElement(By.id("settings-dialog"));
        page.await(d -> dialog.isDisplayed(), "the settings panel");
        page.driver.findElement(By.id("option-temperature")).sendKeys("0.5");
        dialog.findElement(By.cssSelector("button[type=submit]")).click();
        page.await(d -> !dialog.isDisplayed(), "the panel to close once saved");
        page.send("next");
        page.await(d -> page.replies().size() == 2, "the reply");
        page.awaitReplyEnded();

        assertThat(server.ollama.chatCalls().get(0).think()).as("the conversation's choice, kept").isEqualTo(false);
        assertThat(page.driver.findElement(By.id("settings-summary")).getText()).contains("thinking off");
    }
}
