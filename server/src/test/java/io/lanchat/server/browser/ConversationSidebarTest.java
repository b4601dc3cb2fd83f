package io.lanchat.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The list of conversations beside the chat (issue 13, item 1), in real Chromium against the real server. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(SharedChromium.class)
final class ConversationSidebarTest {
    private Chromium chromium;
    private LiveServer server;
    private ChatPage page;

    @BeforeEach
    void openPage(Chromium shared) throws Exception {
        chromium = shared;
        server = LiveServer.start();
        page = new ChatPage(chromium.driver).open(server.url());
    }

    @AfterEach
    void stopServer() {
        page.forgetEverything();
        server.close();
    }

    private void chat(String text) {
        int before = page.replies().size();
        page.send(text);
        page.await(d -> page.replies().size() == before + 1, "the reply to " + text);
        page.awaitReplyEnded();
    }

    @Test
    void newChatKeepsTheOldConversationAndTheListIsNewestFirst() {
        chat("Plan a trip to Lisbon");

        page.newChat();
        page.await(d -> page.replies().isEmpty(), "an empty chat");
        chat("Explain Rayleigh scattering");

        page.awaitConversations("Explain Rayleigh scattering", "Plan a trip to Lisbon");
        assertThat(page.texts("#conversation-list .conv-group-name")).containsExactly("Today");
        assertThat(page.conversation("Explain Rayleigh scattering").findElement(By.className("conv-open"))
                .getAttribute("aria-current")).isEqualTo("page");
        assertThat(page.chatTitle()).isEqualTo("Explain Rayleigh scattering");

        page.openConversation("Plan a trip to Lisbon");

        assertThat(page.transcriptTexts())
                .containsExactly("Plan a trip to Lisbon", "You said: Plan a trip to Lisbon (turn 1)");
        chat("And Porto?");
        assertThat(page.lastReplyText()).isEqualTo("You said: And Porto? (turn 2)");
        page.awaitConversations("Plan a trip to Lisbon", "Explain Rayleigh scattering");
    }

    @Test
    void eachConversationKeepsItsOwnUnsentDraft() {
        chat("Plan a trip to Lisbon");
        page.type("and then Sintra, but only if");
        page.newChat();
        page.await(d -> page.replies().isEmpty(), "an empty chat");

        assertThat(page.inputText()).isEmpty();
        chat("Explain Rayleigh scattering");
        page.type("why is the sunset red");

        page.openConversation("Plan a trip to Lisbon");
        page.await(d -> page.inputText().equals("and then Sintra, but only if"), "Lisbon's draft back in the box");
        page.openConversation("Explain Rayleigh scattering");
        page.await(d -> page.inputText().equals("why is the sunset red"), "the other conversation's draft");
    }

    @Test
    void olderConversationsBeyondTheFirstPageAreShownOnRequest() throws Exception {
        chat("The first chat of all");
        String key = (String) page.script("return localStorage.getItem('lanchat.ownerKey')");
        int older = 120;
        for (int first = 1; first <= older; first += 40) {
            importOldChats(key, first, Math.min(older, first + 39));      // 40 per connection: its allowance
        }
        page.driver.navigate().refresh();
        page.await(d -> page.texts("#conversation-list .conv-title").size() == 100, "the first page of 100");
        WebElement more = page.driver.findElement(By.id("list-more"));
        assertThat(more.isDisplayed()).isTrue();
        assertThat(page.texts("#conversation-list .conv-title")).doesNotContain("The first chat of all");

        more.click();

        page.await(d -> page.texts("#conversation-list .conv-title").size() == older + 1, "every conversation");
        assertThat(page.texts("#conversation-list .conv-title")).last().isEqualTo("The first chat of all");
        assertThat(page.driver.findElement(By.id("list-more")).isDisplayed()).isFalse();
    }

    /** Imports "Old chat FIRST".."Old chat LAST" for the owner (an import is listed as changed when imported). */
    private void importOldChats(String ownerKey, int first, int last) throws Exception {
        try (SideClient owner = SideClient.connectAsOwner(server.port(), ownerKey)) {
            for (int i = first; i <= last; i++) {
                String day = String.format("2025-01-01T%02d:%02d:00Z", i / 60, i % 60);
                String content = "{\"format\":\"lanchat-conversation\",\"version\":1,\"title\":\"Old chat " + i
                        + "\",\"createdAt\":\"" + day + "\",\"updatedAt\":\"" + day + "\",\"messages\":[{\"role\":"
                        + "\"user\",\"content\":\"hello " + i + "\",\"state\":\"complete\",\"createdAt\":\"" + day + "\"}]}";
                owner.send(new ObjectMapper().writeValueAsString(Map.of("type", "import", "id", "i" + i,
                        "content", content)));
                owner.await("\"id\":\"i" + i + "\"");
            }
        }
    }

    @Test
    void groupsByDayInTheReadersTimeZone() {
        Object groups = page.asyncScript("""
                const done = arguments[arguments.length - 1];
                const main = document.querySelector('link[rel=modulepreload][href$="/js/main.js"]').href;
                import(main.replace('/main.js', '/day-groups.js')).then(({ groupByDay }) => {
                  const now = new Date(2025, 2, 14, 10, 0).getTime();
                  const at = (d, h) => new Date(2025, 2, d, h, 0).toISOString();
                  const list = [{ id: 'a', updatedAt: at(14, 9) }, { id: 'b', updatedAt: at(14, 0) },
                    { id: 'c', updatedAt: at(13, 23) }, { id: 'd', updatedAt: at(7, 12) }, { id: 'e', updatedAt: at(6, 12) },
                    { id: 'f', updatedAt: at(1, 12) }];
                  done(groupByDay(list, now).map((g) => g.name + ':' + g.items.map((i) => i.id).join('')).join(' | '));
                }, (e) => done('failed: ' + e));
                """);

        assertThat(groups).isEqualTo("Today:ab | Yesterday:c | Previous 7 days:d | Older:ef");
    }

    @Test
    void searchFindsConversationsByEveryWord() {
        chat("Why is the sky blue");
        page.newChat();
        page.await(d -> page.replies().isEmpty(), "an empty chat");
        chat("Packing list for Lisbon");
        page.awaitConversations("Packing list for Lisbon", "Why is the sky blue");

        page.driver.findElement(By.id("conversation-search")).sendKeys("SKY why");

        page.awaitConversations("Why is the sky blue");
        page.driver.findElement(By.id("conversation-search")).sendKeys(" nothing-like-this");
        page.awaitConversations();
        assertThat(page.driver.findElement(By.id("list-status")).getText())
                .isEqualTo("No conversation contains “SKY why nothing-like-this”.");
        WebElement search = page.driver.findElement(By.id("conversation-search"));
        search.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        page.awaitConversations("Packing list for Lisbon", "Why is the sky blue");
    }

    @Test
    void renamesInlineAndTheServerKeepsTheTitle() {
        chat("first question");
        page.awaitConversations("first question");

        page.conversationAction("first question", "rename");
        WebElement input = page.focused();
        assertThat(input.getAttribute("class")).contains("conv-rename");
        assertThat(input.getDomProperty("value")).isEqualTo("first question");
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Homework", Keys.ENTER);

        page.awaitConversations("Homework");
        page.await(d -> page.announcement().equals("Renamed to “Homework”."), "the rename to be confirmed");
        assertThat(page.chatTitle()).isEqualTo("Homework");
        page.driver.navigate().refresh();
        page.awaitConnected();
        page.awaitConversations("Homework");

        page.conversationAction("Homework", "rename");
        page.focused().sendKeys("ignored", Keys.ESCAPE);
        page.awaitConversations("Homework");
    }

    @Test
    void deleteCanBeUndoneForAFewSecondsAndThenHappens() {
        chat("keep me");
        page.newChat();
        page.await(d -> page.replies().isEmpty(), "an empty chat");
        chat("delete me");
        page.awaitConversations("delete me", "keep me");

        page.conversationAction("keep me", "delete");
        page.awaitConversations("delete me");
        WebElement toast = page.driver.findElement(By.id("undo-toast"));
        assertThat(toast.getText()).startsWith("Deleted “keep me”.");
        assertThat(page.focused().getText()).isEqualTo("Undo");
        page.focused().sendKeys(Keys.ENTER);
        page.awaitConversations("delete me", "keep me");

        page.conversationAction("keep me", "delete");
        page.awaitConversations("delete me");
        page.await(Duration.ofSeconds(15), d -> page.announcement().equals("Conversation deleted."), "the delete");
        page.driver.navigate().refresh();
        page.awaitConnected();
        page.awaitConversations("delete me");
    }

    @Test
    void exportsMarkdownAndJsonAndImportsTheJson(@TempDir Path downloads) throws Exception {
        chromium.driver.executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        chat("Write a haiku about the sea");
        page.awaitConversations("Write a haiku about the sea");

        page.conversationAction("Write a haiku about the sea", "markdown");
        page.await(d -> page.announcement().startsWith("Saved "), "the export");
        Path markdown = awaitFile(downloads, "write-a-haiku-about-the-sea.md");
        page.conversationAction("Write a haiku about the sea", "json");
        Path json = awaitFile(downloads, "write-a-haiku-about-the-sea.json");

        assertThat(Files.readString(markdown)).contains("Write a haiku about the sea")
                .contains("You said: Write a haiku about the sea (turn 1)");
        assertThat(Files.readString(json)).contains("\"lanchat-conversation\"");
        page.script("document.getElementById('import-file').hidden = false;");
        page.driver.findElement(By.id("import-file")).sendKeys(json.toString());
        page.await(d -> page.conversationTitles().size() == 2, "the imported conversation in the list");
        assertThat(page.announcement()).isEqualTo("Imported “Write a haiku about the sea”. It is in the list.");
        page.script("document.getElementById('import-file').hidden = true;");

        WebElement other = page.driver.findElements(By.cssSelector("#conversation-list .conv-open")).stream()
                .filter(b -> b.getAttribute("aria-current") == null).findFirst().orElseThrow();
        other.click();
        page.await(d -> page.transcriptTexts().size() == 2, "the imported messages");
        assertThat(page.transcriptTexts())
                .containsExactly("Write a haiku about the sea", "You said: Write a haiku about the sea (turn 1)");
    }

    @Test
    void aReplyGoesOnInTheConversationLeftShownLiveAndIsCompleteOnReturn() {
        List<String> words = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            words.add("word" + i + " ");
        }
        server.ollama.setTokenDelay(Duration.ofMillis(60));
        server.ollama.setReply(call -> call.lastUserContent().equals("long one") ? words : List.of("short."));
        page.send("long one");
        page.await(d -> page.lastReplyText().startsWith("word1"), "the reply to start");

        page.newChat();

        WebElement item = page.conversation("long one");
        page.await(d -> item.getAttribute("class").contains("live"), "the live marker");
        assertThat(item.findElement(By.className("conv-open")).getAccessibleName()).contains("a reply is being written");
        page.await(Duration.ofSeconds(15), d -> !page.conversation("long one").getAttribute("class").contains("live"),
                "the live marker to go once the reply has ended");
        page.openConversation("long one");
        assertThat(page.transcriptTexts()).containsExactly("long one", String.join("", words).trim());
    }

    @Test
    void aServerThatKeepsConversationsInMemoryOnlySaysSoUnderTheList() throws Exception {
        assertThat(page.driver.findElement(By.className("store-note")).isDisplayed()).isFalse();
        server.close();
        server = LiveServer.start("--database", "none");

        page.open(server.url());

        WebElement note = page.driver.findElement(By.className("store-note"));
        page.await(d -> note.isDisplayed(), "the note");
        assertThat(note.getText()).isEqualTo("This server keeps conversations in memory only: they are gone when it restarts.");
        chat("still listed meanwhile");
        page.awaitConversations("still listed meanwhile");
    }

    private static Path awaitFile(Path folder, String name) throws InterruptedException {
        Path file = folder.resolve(name);
        try {
            // Chromium reserves the final name with an empty file and writes through NAME.crdownload: the
            // download is done when that is gone and the file has its bytes.
            Path partial = folder.resolve(name + ".crdownload");
            Waits.until(() -> Files.isRegularFile(file) && file.toFile().length() > 0 && !Files.exists(partial),
                    "the download of " + name);
        } catch (AssertionError e) {
            try (var files = Files.list(folder)) {
                throw new AssertionError(e.getMessage() + "; the folder holds " + files.toList(), e);
            } catch (java.io.IOException io) {
                throw new java.io.UncheckedIOException(io);
            }
        }
        return file;
    }
}
