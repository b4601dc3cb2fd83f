package io.lanchat.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.standin.ChatCall;
import io.lanchat.standin.Message;
import io.lanchat.standin.Thinking;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
import org.openqa.selenium.support.ui.Select;

/** A conversation's own settings, changed from its header and stored with it (issue 13, item 3). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(SharedChromium.class)
final class ChatSettingsPageTest {
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

    private WebElement dialog() {
        return page.driver.findElement(By.id("settings-dialog"));
    }

    private void openSettings() {
        page.button("chat-settings").click();
        page.await(d -> dialog().isDisplayed(), "the settings panel");
    }

    private void fill(String id, String value) {
        WebElement field = page.driver.findElement(By.id(id));
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        if (!value.isEmpty()) {
            field.sendKeys(value);
        }
    }

    @Test
    void aSystemPromptAndTemperatureChosenBeforeTheFirstMessageReachOllamaAndStay() {
        openSettings();
        new Select(page.driver.findElement(By.id("settings-model"))).selectByValue(LiveServer.OTHER_MODEL);
        fill("settings-system", "Answer like a pirate.");
        fill("option-temperature", "0.3");
        fill("option-seed", "42");
        dialog().findElement(By.cssSelector("button[type=submit]")).click();

        page.await(d -> !dialog().isDisplayed(), "the panel to close once saved");
        assertThat(page.announcement()).isEqualTo("Chat settings saved. They apply from the next message.");
        assertThat(page.driver.findElement(By.id("settings-summary")).getText())
                .isEqualTo(LiveServer.OTHER_MODEL + " · temperature 0.3 · seed 42 · own system prompt");
        assertThat(page.modelPicker().getFirstSelectedOption().getAttribute("value")).isEqualTo(LiveServer.OTHER_MODEL);
        page.send("Hello");
        page.awaitReplyEnded();

        ChatCall call = server.ollama.chatCalls().get(0);
        assertThat(call.model()).isEqualTo(LiveServer.OTHER_MODEL);
        assertThat(call.messages().get(0)).isEqualTo(new Message("system", "Answer like a pirate."));
        assertThat(call.options()).containsEntry("temperature", 0.3).containsEntry("seed", 42);

        page.driver.navigate().refresh();
        page.awaitConnected();
        page.awaitConversations("Hello");
        openSettings();
        assertThat(page.driver.findElement(By.id("settings-system")).getDomProperty("value")).isEqualTo("Answer like a pirate.");
        assertThat(page.driver.findElement(By.id("option-temperature")).getDomProperty("value")).isEqualTo("0.3");
    }

    @Test
    void settingsChangedLaterApplyFromTheNextMessage() {
        page.send("first");
        page.awaitReplyEnded();
        page.awaitConversations("first");

        openSettings();
        fill("option-top_k", "40");
        fill("option-num_predict", "256");
        page.driver.findElement(By.id("option-num_predict")).sendKeys(Keys.ENTER);
        page.await(d -> !dialog().isDisplayed(), "the panel to close once saved");
        page.send("second");
        page.await(d -> page.replies().size() == 2, "the second reply");
        page.awaitReplyEnded();

        List<ChatCall> calls = server.ollama.chatCalls();
        assertThat(calls.get(0).options()).doesNotContainKey("top_k");
        assertThat(calls.get(1).options()).containsEntry("top_k", 40).containsEntry("num_predict", 256);
    }

    @Test
    void outOfRangeValuesAreRefusedWithTheRangeNotClamped() {
        page.send("first");
        page.awaitReplyEnded();
        page.awaitConversations("first");
        openSettings();
        assertThat(dialog().findElement(By.id("option-temperature-hint")).getText()).contains("Allowed: 0–2");
        assertThat(dialog().findElement(By.id("option-top_k-hint")).getText()).contains("Allowed: whole number 1–1000");

        fill("option-temperature", "5");
        dialog().findElement(By.cssSelector("button[type=submit]")).click();

        WebElement problem = page.await(d -> {
            WebElement p = dialog().findElement(By.className("settings-problem"));
            return p.isDisplayed() ? p : null;
        }, "the refusal");
        assertThat(problem.getText()).isEqualTo("Temperature is 5; this server allows 0–2.");
        assertThat(dialog().isDisplayed()).isTrue();
        assertThat(page.focused().getAttribute("id")).isEqualTo("option-temperature");
        assertThat(page.focused().getAttribute("aria-invalid")).isEqualTo("true");

        fill("option-temperature", "warm");
        dialog().findElement(By.cssSelector("button[type=submit]")).click();
        page.await(d -> dialog().findElement(By.className("settings-problem")).getText()
                .equals("Temperature must be a number (0–2)."), "the page's own check");

        dialog().findElement(By.className("settings-cancel")).click();
        page.await(d -> !dialog().isDisplayed(), "the panel to close");
        assertThat(page.focused().getAttribute("id")).isEqualTo("chat-settings");
        assertThat(page.driver.findElement(By.id("settings-summary")).getText()).isEqualTo("Server defaults");
    }

    @Test
    void theRangesShownAreTheServersOwn() throws Exception {
        server.close();
        server = LiveServer.start("--option-ranges", "temperature=0..2.5");
        page.open(server.url());
        page.send("first");
        page.awaitReplyEnded();
        page.awaitConversations("first");

        openSettings();
        assertThat(dialog().findElement(By.id("option-temperature-hint")).getText()).contains("Allowed: 0–2.5");
        fill("option-temperature", "2.25");
        dialog().findElement(By.cssSelector("button[type=submit]")).click();
        page.await(d -> !dialog().isDisplayed(), "the panel to close once saved");
        page.send("second");
        page.await(d -> page.replies().size() == 2, "the second reply");
        page.awaitReplyEnded();

        assertThat(server.ollama.chatCalls().get(1).options()).containsEntry("temperature", 2.25);
    }

    @Test
    void optionsThePanelDoesNotShowAreKeptWhenItSaves(@TempDir Path dir) throws Exception {
        Path export = dir.resolve("tuned.json");
        Files.writeString(export, """
                {"format":"lanchat-conversation","version":1,"title":"Tuned","createdAt":"2025-03-14T10:01:05Z",
                 "updatedAt":"2025-03-14T10:03:30Z","settings":{"model":null,"system":null,"options":{"min_p":0.1}},
                 "messages":[{"role":"user","content":"hi","state":"complete","model":null,"createdAt":"2025-03-14T10:01:05Z"},
                  {"role":"assistant","content":"hello","state":"complete","model":"llama3:8b","createdAt":"2025-03-14T10:01:06Z"}]}
                """);
        page.script("document.getElementById('import-file').hidden = false;");
        page.driver.findElement(By.id("import-file")).sendKeys(export.toString());
        page.openConversation("Tuned");

        openSettings();
        fill("option-temperature", "0.5");
        dialog().findElement(By.cssSelector("button[type=submit]")).click();
        page.await(d -> !dialog().isDisplayed(), "the panel to close once saved");
        page.send("next");
        page.await(d -> page.replies().size() == 2, "the reply");
        page.awaitReplyEnded();

        assertThat(server.ollama.chatCalls().get(0).options()).containsEntry("min_p", 0.1).containsEntry("temperature", 0.5);
    }

    @Test
    void theThinkingChoiceIsOfferedForThinkingModelsOnlyWithTheLevelsEachTakes() {
        server.ollama.setThinking("qwen3:0.6b", Thinking.TOGGLE);
        server.ollama.setThinking("gpt-oss:20b", Thinking.LEVELS);
        page.open(server.url());
        page.await(d -> page.modelPicker().getOptions().stream()
                .anyMatch(o -> "gpt-oss:20b".equals(o.getDomProperty("value"))), "the thinking models to be listed");
        openSettings();
        Select model = new Select(page.driver.findElement(By.id("settings-model")));

        model.selectByValue(LiveServer.OTHER_MODEL);
        assertThat(page.driver.findElements(By.id("settings-think")).stream().noneMatch(WebElement::isDisplayed))
                .as("no thinking choice for a model that cannot think").isTrue();
        model.selectByValue("gpt-oss:20b");
        page.await(d -> thinkChoices().equals(List.of("Model default", "Low", "Medium", "High")), "gpt-oss's levels");
        model.selectByValue("qwen3:0.6b");
        page.await(d -> thinkChoices().equals(List.of("Model default", "On", "Off")), "on and off");
        new Select(page.driver.findElement(By.id("settings-think"))).selectByValue("off");
        dialog().findElement(By.cssSelector("button[type=submit]")).click();

        page.await(d -> !dialog().isDisplayed(), "the panel to close once saved");
        assertThat(page.driver.findElement(By.id("settings-summary")).getText()).contains("thinking off");
        page.send("Hello");
        page.awaitReplyEnded();
        assertThat(server.ollama.chatCalls().get(0).think()).isEqualTo(false);
        openSettings();
        page.await(d -> "off".equals(page.driver.findElement(By.id("settings-think")).getDomProperty("value")),
                "the stored choice shown again");
    }

    private List<String> thinkChoices() {
        List<WebElement> selects = page.driver.findElements(By.id("settings-think"));
        if (selects.isEmpty() || !selects.get(0).isDisplayed()) {
            return List.of();
        }
        return new Select(selects.get(0)).getOptions().stream().map(WebElement::getText).toList();
    }
}
