package io.lanchat.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** What the page shows about its connections: Ollama's status light, and the WebSocket going and coming back. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(SharedChromium.class)
final class ConnectionTest {
    /** The issue asks for the light to change within a second of the broadcast. */
    private static final Duration LIGHT_DEADLINE = Duration.ofSeconds(1);

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
    void theStatusLightFollowsOllamaWithoutAReload() throws Exception {
        WebElement light = page.statusLight();
        assertThat(light.getAttribute("title")).contains("Ollama is running");
        page.script("window.sameDocument = true");

        server.ollama.stop();
        Waits.until(() -> !server.server().backends().isAvailable(), "the server to notice Ollama is gone");

        page.await(LIGHT_DEADLINE, d -> page.statusState().equals("down"), "the light to turn red");
        String reason = light.getAttribute("title");
        assertThat(reason).contains("cannot be reached").doesNotContain("127.0.0.1");
        assertThat(light.findElement(By.className("status-label")).getText()).isEqualTo("Ollama unavailable");
        assertThat(light.getAccessibleName()).contains("Ollama unavailable").contains(reason);
        light.click();
        WebElement popover = page.driver.findElement(By.id("ollama-reason"));
        assertThat(popover.isDisplayed()).isTrue();
        assertThat(popover.getText()).isEqualTo(reason);
        assertThat(page.driver.findElement(By.id("announcer")).getText()).contains("Ollama unavailable");

        server.ollama.restart();
        Waits.until(() -> server.server().backends().isAvailable(), "the server to see Ollama again");

        page.await(LIGHT_DEADLINE, d -> page.statusState().equals("up"), "the light to turn green");
        assertThat(popover.getText()).contains("Ollama is running");
        assertThat(page.script("return window.sameDocument")).isEqualTo(true);
    }

    @Test
    void withSeveralOllamaMachinesTheLightSaysHowManyAreUp() throws Exception {
        page.forgetEverything();
        server.close();
        server = LiveServer.startWithMachines(2);
        page.open(server.url());
        WebElement light = page.statusLight();
        WebElement label = light.findElement(By.className("status-label"));
        assertThat(label.getText()).isEqualTo("Ollama ready · 2 of 2 machines");

        server.machines.get(1).stop();

        page.await(d -> label.getText().equals("Ollama ready · 1 of 2 machines"), "the light to count one machine");
        assertThat(page.statusState()).isEqualTo("up");
        assertThat(light.getAttribute("title")).startsWith("1 of 2 Ollama backends are up");
        assertThat(light.getAccessibleName()).contains("1 of 2 machines");
    }

    @Test
    void reconnectsByItselfAfterAServerRestartKeepingTheTypedText() throws Exception {
        page.send("before the restart");
        page.awaitReplyEnded();
        page.type("typed while the server restarts");

        server.stopServer();

        WebElement banner = page.driver.findElement(By.id("connection-banner"));
        page.await(d -> banner.isDisplayed() && banner.getText().matches("(?s).*Reconnecting in \\d+ s….*"),
                "the reconnect countdown");
        assertThat(page.statusState()).isEqualTo("offline");
        page.input().sendKeys(Keys.ENTER);
        assertThat(page.inputText()).isEqualTo("typed while the server restarts");
        assertThat(page.button("send").isEnabled()).isFalse();
        assertThat(page.driver.findElements(By.cssSelector("#transcript .msg.user"))).hasSize(1);

        server.startServerAgain();

        // The server keeps conversations: the page opens the saved one, and it goes on where it was.
        page.awaitConnected();
        assertThat(page.inputText()).isEqualTo("typed while the server restarts");
        assertThat(page.driver.findElements(By.cssSelector("#transcript .msg.stale"))).isEmpty();
        assertThat(page.texts("#transcript .msg.user .body")).containsExactly("before the restart");
        page.input().sendKeys(Keys.ENTER);
        page.await(d -> page.replies().size() == 2, "the reply from the new server");
        page.awaitReplyEnded();
        assertThat(page.lastReplyText()).isEqualTo("You said: typed while the server restarts (turn 2)");
    }

    @Test
    void withoutAStoreARestartStartsANewConversationKeepingTheOldOneAsText() throws Exception {
        page.forgetEverything();
        server.close();
        server = LiveServer.start("--database", "none");
        page.open(server.url());
        page.send("before the restart");
        page.awaitReplyEnded();

        server.stopServer();
        server.startServerAgain();

        page.awaitConnected();
        assertThat(page.driver.findElement(By.cssSelector("#transcript .notice")).getText())
                .contains("A new conversation has started");
        assertThat(page.driver.findElements(By.cssSelector("#transcript .msg.stale"))).hasSize(2);
        page.send("after the restart");
        page.await(d -> page.replies().size() == 2, "the reply from the new server");
        page.awaitReplyEnded();
        assertThat(page.lastReplyText()).isEqualTo("You said: after the restart (turn 1)");
    }
}
