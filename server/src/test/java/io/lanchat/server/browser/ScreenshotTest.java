package io.lanchat.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;

/**
 * A realistic conversation with a Markdown reply, checked for its structure and saved as screenshots in
 * {@code target/screenshots/} (light, dark and phone-sized) so a person can look at the page as rendered; also
 * the conversation list, on a desktop and as a phone's drawer.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(SharedChromium.class)
final class ScreenshotTest {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String QUESTION = "How do I add up a column of a CSV file in Python?";
    private static final String ANSWER = """
            Here is a small script that reads `sales.csv` and adds up the **amount** column:

            ```python
            import csv

            total = 0.0
            with open("sales.csv", newline="") as f:
                for row in csv.DictReader(f):
                    total += float(row["amount"])

            print(f"Total: {total:.2f}")
            ```

            A few notes:

            1. `csv.DictReader` takes the column names from the first line.
            2. `newline=""` lets the csv module handle line endings itself.
            3. For large files, *pandas* does it in one line: `pd.read_csv("sales.csv")["amount"].sum()`.
            """;

    private Chromium chromium;
    private LiveServer server;

    @BeforeEach
    void start(Chromium shared) throws Exception {
        chromium = shared;
        server = LiveServer.start();
    }

    @AfterEach
    void stop() {
        new ChatPage(chromium.driver).forgetEverything();
        chromium.resetWindow();
        chromium.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        server.close();
    }

    @Test
    void rendersMarkdownWithACopyableCodeBlock() throws Exception {
        server.ollama.setReply(call -> call.lastUserContent().equals(QUESTION)
                ? pieces(ANSWER) : pieces("The capital of Norway is **Oslo**, on the Oslofjord."));
        chromium.driver.manage().window().setSize(new Dimension(1100, 1040));
        ChatPage page = new ChatPage(chromium.driver).open(server.url());

        page.send("What is the capital of Norway?");
        page.awaitReplyEnded();
        page.send(QUESTION);
        page.await(d -> page.replies().size() == 2, "the second reply");
        WebElement reply = page.awaitReplyEnded();

        WebElement code = reply.findElement(By.cssSelector(".code-block pre code.language-python"));
        assertThat(code.getText()).startsWith("import csv").contains("total += float(row[\"amount\"])");
        assertThat(reply.findElement(By.cssSelector(".code-head span")).getText()).isEqualTo("python");
        assertThat(reply.findElements(By.cssSelector(".body ol > li"))).hasSize(3);
        assertThat(reply.findElement(By.cssSelector(".body strong")).getText()).isEqualTo("amount");
        assertThat(reply.findElements(By.cssSelector(".body :not(pre) > code"))).hasSize(4);
        assertThat(chromium.driver.findElement(By.id("announcer")).getDomProperty("textContent"))
                .startsWith("Reply: Here is a small script").contains("import csv").doesNotContain("Copy");
        Files.createDirectories(SCREENSHOTS);
        save(page, "chat.png");
        chromium.driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        assertThat(page.script("return matchMedia('(prefers-color-scheme: dark)').matches")).isEqualTo(true);
        save(page, "chat-dark.png");
        chromium.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        chromium.driver.manage().window().setSize(new Dimension(390, 844));
        assertThat(page.script("return document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
        save(page, "chat-phone.png");

        WebElement copy = reply.findElement(By.cssSelector(".code-head .copy"));
        assertThat(copy.getAccessibleName()).isEqualTo("Copy python to the clipboard");
        chromium.driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", server.url().replaceAll("/$", ""),
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        copy.click();
        page.await(d -> copy.getText().equals("Copied"), "the copy button to confirm");
        Object clipboard = page.asyncScript("navigator.clipboard.readText().then(arguments[0], e => arguments[0]('failed: ' + e))");
        assertThat(clipboard).isEqualTo(code.getDomProperty("textContent"));
    }

    @Test
    void showsTheConversationListOnADesktopAndAsADrawerOnAPhone() throws Exception {
        server.ollama.setReply(call -> call.lastUserContent().equals(QUESTION)
                ? pieces(ANSWER) : pieces("Here is a short answer to: " + call.lastUserContent()));
        chromium.driver.manage().window().setSize(new Dimension(1200, 800));
        ChatPage page = new ChatPage(chromium.driver).open(server.url());
        for (String question : List.of("Packing list for a week in Lisbon", "Why is the sky blue?", QUESTION)) {
            if (!page.replies().isEmpty()) {
                page.newChat();
                page.await(d -> page.replies().isEmpty(), "an empty chat");
            }
            page.send(question);
            page.await(d -> page.replies().size() == 1, "the reply");
            page.awaitReplyEnded();
        }
        page.awaitConversations(QUESTION, "Why is the sky blue?", "Packing list for a week in Lisbon");
        page.conversationAction("Why is the sky blue?", "rename");
        page.focused().sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"),
                "Rayleigh scattering", org.openqa.selenium.Keys.ENTER);
        page.awaitConversations("Rayleigh scattering", QUESTION, "Packing list for a week in Lisbon");
        page.script("document.activeElement.blur()");
        new org.openqa.selenium.interactions.Actions(chromium.driver).moveToLocation(700, 300).perform();   // no hover

        Files.createDirectories(SCREENSHOTS);
        save(page, "sidebar.png");
        chromium.driver.manage().window().setSize(new Dimension(390, 844));
        page.button("menu").click();
        page.await(d -> (Boolean) page.script("return document.getElementById('sidebar').getBoundingClientRect().left >= 0"),
                "the drawer to open");
        assertThat(page.script("return document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
        save(page, "sidebar-phone.png");
    }

    private void save(ChatPage page, String name) throws Exception {
        page.script("const s = document.getElementById('scroller'); s.scrollTop = s.scrollHeight;");
        Path shot = chromium.driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Splits text into word-sized pieces, whitespace attached to the word after it, as a model streams. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher m = Pattern.compile("\\s*\\S+|\\s+").matcher(text);
        while (m.find()) {
            pieces.add(m.group());
        }
        return pieces;
    }
}
