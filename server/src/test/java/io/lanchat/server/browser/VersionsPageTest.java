package io.lanchat.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * Regenerate and edit keep the earlier versions (protocol/README.md, "Versions of messages"): the page shows
 * "‹ 1/2 ›" on such a message, its arrows switch branches, the versions survive a reload, everything works with
 * the keyboard alone, and Copy gives a message's raw Markdown.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@ExtendWith(SharedChromium.class)
final class VersionsPageTest {
    private LiveServer server;
    private ChatPage page;
    private final AtomicInteger replies = new AtomicInteger();

    @BeforeEach
    void start(Chromium chromium) throws Exception {
        server = LiveServer.start("--resume-grace", "20s");
        // Every reply is different, so that a regenerated one can be told from the one it replaces.
        server.ollama.setReply(call -> List.of("**", call.lastUserContent(), "** answer ",
                String.valueOf(replies.incrementAndGet())));
        page = new ChatPage(chromium.driver).open(server.url());
    }

    @AfterEach
    void stop() {
        page.stopEmulating();
        page.forgetEverything();
        server.close();
    }

    @Test
    void regenerateKeepsTheOldReplyAsVersionOneAndTheArrowsSwitchBetweenThem() {
        page.send("hi");
        page.awaitTranscript("hi", "hi answer 1");
        assertThat(page.driver.findElements(By.cssSelector(".msg.user .regen"))).isEmpty();

        page.messageTool(1, "regen").click();

        page.awaitTranscript("hi", "hi answer 2");
        assertThat(page.versionOf(1)).isEqualTo("Version 2 of 2");
        assertThat(page.versionOf(0)).isEmpty();
        assertThat(page.messages().get(1).findElement(By.className("ver-label")).getText()).contains("2/2");
        page.assertNoAxeViolations("a reply with two versions");
        page.emulateColorScheme("dark");
        page.assertNoAxeViolations("dark: a reply with two versions");
        page.emulatePhone();
        page.assertNoAxeViolations("phone: a reply with two versions");
        page.stopEmulating();

        page.messageTool(1, "ver-prev").click();
        page.awaitTranscript("hi", "hi answer 1");
        assertThat(page.versionOf(1)).isEqualTo("Version 1 of 2");
        assertThat(page.messages().get(1).findElement(By.className("ver-prev")).isEnabled()).isFalse();

        page.messageTool(1, "ver-next").click();
        page.awaitTranscript("hi", "hi answer 2");
        assertThat(server.ollama.chatCalls()).hasSize(2);        // switching asks Ollama nothing

        page.catchClipboard();
        page.messageTool(1, "copy-msg").click();
        assertThat(page.copied()).isEqualTo("**hi** answer 2");   // the Markdown, not the drawn text
        page.script("window.copied = null;");
        page.messageTool(0, "copy-msg").click();
        assertThat(page.copied()).isEqualTo("hi");
    }

    @Test
    void editingAnEarlierMessageStartsABranchAndTheOldOneComesBackAlsoAfterAReload() {
        page.send("one");
        page.awaitTranscript("one", "one answer 1");
        page.send("two");
        page.awaitTranscript("one", "one answer 1", "two", "two answer 2");

        page.messageTool(0, "edit").click();
        var box = page.driver.findElement(By.cssSelector(".edit-box textarea"));
        assertThat(box.getDomProperty("value")).isEqualTo("one");
        page.assertNoAxeViolations("the inline editor");
        box.clear();
        box.sendKeys("uno");
        page.driver.findElement(By.xpath("//button[text()='Save & send']")).click();

        page.awaitTranscript("uno", "uno answer 3");
        assertThat(page.versionOf(0)).isEqualTo("Version 2 of 2");
        assertThat(server.ollama.chatCalls().get(2).messages()).hasSize(1);   // the edited branch only

        page.messageTool(0, "ver-prev").click();
        page.awaitTranscript("one", "one answer 1", "two", "two answer 2");
        assertThat(page.versionOf(0)).isEqualTo("Version 1 of 2");

        page.driver.navigate().refresh();
        page.awaitConnected();
        page.awaitTranscript("one", "one answer 1", "two", "two answer 2");
        assertThat(page.versionOf(0)).isEqualTo("Version 1 of 2");
        page.messageTool(0, "ver-next").click();
        page.awaitTranscript("uno", "uno answer 3");

        page.send("and then");                                  // the next message continues the branch shown
        page.awaitTranscript("uno", "uno answer 3", "and then", "and then answer 4");
        assertThat(server.ollama.chatCalls().get(3).messages()).hasSize(3);
    }

    @Test
    void theControlsWorkWithTheKeyboardAlone() {
        page.send("hi");
        page.awaitTranscript("hi", "hi answer 1");

        page.messageTool(1, "regen").sendKeys("");              // focus only; Enter does the work
        page.press(Keys.ENTER);
        page.awaitTranscript("hi", "hi answer 2");

        page.messageTool(1, "ver-prev").sendKeys("");
        page.press(Keys.ENTER);
        page.awaitTranscript("hi", "hi answer 1");
        // The transcript was redrawn; the focus is on the arrow that still works, so Enter goes back.
        page.await(d -> page.focused().getAttribute("class").contains("ver-next"), "the focus on Next version");
        page.press(Keys.ENTER);
        page.awaitTranscript("hi", "hi answer 2");

        page.messageTool(0, "edit").sendKeys("");
        page.press(Keys.ENTER);
        page.await(d -> "edit-input".equals(page.focused().getAttribute("class")), "the editor to have the focus");
        page.press(" there");
        page.press(Keys.ESCAPE);                                // cancels: nothing sent
        page.await(d -> page.focused().getAttribute("class").contains("edit"), "the focus back on Edit");
        assertThat(page.driver.findElements(By.className("edit-box"))).isEmpty();
        page.awaitTranscript("hi", "hi answer 2");

        page.press(Keys.ENTER);
        page.press(" there", Keys.ENTER);
        page.awaitTranscript("hi there", "hi there answer 3");
        assertThat(page.versionOf(0)).isEqualTo("Version 2 of 2");
        assertThat(server.ollama.chatCalls()).hasSize(3);
    }

    @Test
    void aRegeneratedReplyStreamsInPlaceOfTheOldOneAndStopKeepsWhatCameAsTheNewVersion() {
        page.send("hi");
        page.awaitTranscript("hi", "hi answer 1");
        server.ollama.setTokenDelay(Duration.ofMillis(50));
        server.ollama.setReply(call -> IntStream.range(0, 60).mapToObj(i -> "w" + i + " ").toList());

        page.messageTool(1, "regen").click();
        page.await(d -> page.lastReplyText().contains("w3"), "the new version to stream");
        assertThat(page.shownTexts()).containsExactly("hi", "…");        // the old reply is hidden meanwhile
        assertThat(page.messages().get(0).findElement(By.cssSelector(".msg-tools .edit")).isEnabled()).isFalse();
        page.button("stop").click();

        page.await(d -> page.versionOf(1).equals("Version 2 of 2"), "the stopped reply as version 2");
        assertThat(page.lastReply().getAttribute("class")).contains("stopped");
        assertThat(page.lastReplyText()).startsWith("w0 w1 w2 w3").doesNotContain("w59");
        page.messageTool(1, "ver-prev").click();
        page.awaitTranscript("hi", "hi answer 1");
        page.assertNoAxeViolations("a stopped version, switched back");
    }

    @Test
    void aReloadWhileARegeneratedReplyStreamsEndsWithBothVersions() {
        page.send("hi");
        page.awaitTranscript("hi", "hi answer 1");
        server.ollama.setTokenDelay(Duration.ofMillis(50));
        server.ollama.setReply(call -> IntStream.range(0, 40).mapToObj(i -> "w" + i + " ").toList());
        page.messageTool(1, "regen").click();
        page.await(d -> page.lastReplyText().contains("w3"), "the new version to stream");

        page.driver.navigate().refresh();

        page.await(d -> page.versionOf(1).equals("Version 2 of 2"), "the new version, once written");
        page.awaitTranscript("hi", String.join("", IntStream.range(0, 40).mapToObj(i -> "w" + i + " ").toList()).strip());
        page.messageTool(1, "ver-prev").click();
        page.awaitTranscript("hi", "hi answer 1");
    }

    @Test
    void messagesLeftAsTextAfterTheServerForgotThemHaveNoToolbar() throws Exception {
        page.forgetEverything();
        server.close();
        server = LiveServer.start("--database", "none");
        page.open(server.url());
        page.send("before the restart");
        page.messageTool(0, "edit");                            // it had one

        server.stopServer();
        server.startServerAgain();

        page.awaitConnected();
        page.await(d -> d.findElements(By.cssSelector("#transcript .msg.stale")).size() == 2, "the old messages as text");
        // Edit or Regenerate there would act on the new conversation, which does not have those messages.
        assertThat(page.driver.findElements(By.cssSelector("#transcript .msg.stale .msg-tools"))).isEmpty();
    }
}
