package io.lanchat.server.browser;

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
import org.openqa.selenium.WebElement;

/**
 * axe-core on the page states the other browser tests visit, in both colour themes and on a phone: an empty page,
 * a reply using all the Markdown the page draws, a stopped reply, the reconnect banner and the access-token panel.
 * (The states of the issue-13 tests are checked in those tests.)
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@ExtendWith(SharedChromium.class)
final class AccessibilityTest {
    private static final String RICH_REPLY = "## A heading\n\nSome **bold**, *italic* and `code`, and "
            + "[a link](https://example.org/).\n\n- one\n- two\n\n1. first\n2. second\n\n> A quote.\n\n"
            + "```java\nint x = 1;\n```\n\n| Left | Right |\n|:--|--:|\n| a | 1 |\n\n---\n\nThe end.";

    private LiveServer server;
    private ChatPage page;

    @BeforeEach
    void openPage(Chromium chromium) throws Exception {
        server = LiveServer.start();
        page = new ChatPage(chromium.driver).open(server.url());
    }

    @AfterEach
    void stopServer() {
        page.stopEmulating();
        page.forgetEverything();
        server.close();
    }

    @Test
    void everyStateOfAConversationPassesAxeInBothThemesAndOnAPhone() {
        for (String scheme : List.of("light", "dark")) {
            page.emulateColorScheme(scheme);
            page.assertNoAxeViolations(scheme + ": the empty page");
        }
        server.ollama.setReply(call -> List.of(RICH_REPLY));
        page.send("show me everything");
        page.awaitReplyEnded();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            tokens.add("w" + i + " ");
        }
        server.ollama.setTokenDelay(Duration.ofMillis(50));
        server.ollama.setReply(call -> tokens);
        page.send("and stop");
        page.await(d -> page.lastReplyText().contains("w3"), "a few words");
        page.button("stop").click();
        WebElement stopped = page.awaitReplyEnded();
        page.await(d -> !stopped.findElements(By.cssSelector(".badge.stopped")).isEmpty(), "the stopped badge");

        for (String scheme : List.of("light", "dark")) {
            page.emulateColorScheme(scheme);
            page.assertNoAxeViolations(scheme + ": a rich reply and a stopped one");
        }
        page.emulatePhone();
        page.assertNoAxeViolations("phone: a rich reply and a stopped one");
    }

    @Test
    void theReconnectBannerAndTheTokenPanelPassAxe() throws Exception {
        server.stopServer();
        page.await(d -> page.banner().isDisplayed() && page.banner().getText().contains("Reconnecting"),
                "the reconnect banner");
        for (String scheme : List.of("light", "dark")) {
            page.emulateColorScheme(scheme);
            page.assertNoAxeViolations(scheme + ": the reconnect banner");
        }
        page.forgetEverything();
        server.close();

        server = LiveServer.start("--access-tokens", "ada:tok-3n9Vq2pX-7hKd4wLs");
        page.driver.get(server.url());
        page.await(d -> d.findElement(By.id("access-panel")).isDisplayed(), "the access token panel");
        for (String scheme : List.of("light", "dark")) {
            page.emulateColorScheme(scheme);
            page.assertNoAxeViolations(scheme + ": the access token panel");
        }
    }
}
