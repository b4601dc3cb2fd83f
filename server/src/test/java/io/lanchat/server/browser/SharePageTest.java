package io.lanchat.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A live share link in two browsers: the owner shares from the page (Share…), a second browser (its own profile)
 * opens the link, sees the conversation and then the next reply stream into it; the owner then revokes the link
 * from the panel. (That the viewer is then closed with 4404 is asserted end to end in ShareLinksTest: in Chromium
 * the close did not always arrive as 4404, see the branch's report.)
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@ExtendWith(SharedChromium.class)
final class SharePageTest {
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
    void aSecondBrowserFollowsALiveLinkAsTheReplyStreamsAndTheOwnerRevokesIt() {
        server.ollama.setReply(call -> List.of("Tides ", "follow ", "the ", "moon."));
        page.send("Tell me about tides");
        page.awaitReplyEnded();
        page.driver.findElement(By.id("share-chat")).click();
        page.await(d -> d.findElement(By.id("share-live")).isDisplayed(), "the share panel");
        page.driver.findElement(By.id("share-live")).click();
        String link = page.await(d -> {
            String value = d.findElement(By.id("share-link")).getDomProperty("value");
            return value.isEmpty() ? null : value;
        }, "the new link");

        try (Chromium second = Chromium.start()) {
            WebDriver viewer = second.driver;
            viewer.get(link);
            awaitIn(viewer, d -> texts(d, "#transcript .msg.assistant .body").contains("Tides follow the moon."),
                    "the shared conversation");
            assertThat(viewer.findElement(By.id("chat-title")).getText()).isEqualTo("Tell me about tides");
            assertThat(viewer.findElement(By.id("composer")).isDisplayed()).as("a viewer cannot write").isFalse();

            server.ollama.setTokenDelay(Duration.ofMillis(150));
            server.ollama.setReply(call -> List.of("The ", "moon ", "pulls ", "the ", "oceans ", "toward ", "it."));
            page.driver.findElement(By.cssSelector("#share-dialog .share-close")).click();
            page.send("Why the moon?");

            String partial = awaitIn(viewer, d -> {
                List<WebElement> streaming = d.findElements(By.cssSelector("#transcript .msg.assistant.streaming"));
                return streaming.isEmpty() ? null : streaming.get(0).getText();
            }, "the reply streaming in the viewer");
            awaitIn(viewer, d -> d.findElements(By.cssSelector("#transcript .msg.assistant.streaming")).isEmpty()
                    && texts(d, "#transcript .msg.assistant .body").contains("The moon pulls the oceans toward it."),
                    "the whole reply in the viewer");
            assertThat(partial).doesNotContain("toward it.");
            assertThat(texts(viewer, "#transcript .msg.user .body")).containsExactly("Tell me about tides",
                    "Why the moon?");

            page.awaitReplyEnded();
            page.driver.findElement(By.id("share-chat")).click();
            page.await(d -> !d.findElements(By.cssSelector("#share-dialog .share-item .link-button")).isEmpty(),
                    "the active link listed");
            page.driver.findElement(By.cssSelector("#share-dialog .share-item .link-button")).click();
            page.await(d -> d.findElement(By.cssSelector("#share-dialog [role=status]")).getText()
                    .equals("No active links."), "the owner's list without the revoked link");
        }
    }

    private static List<String> texts(WebDriver driver, String css) {
        return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    private static <T> T awaitIn(WebDriver driver, java.util.function.Function<WebDriver, T> condition, String what) {
        return new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(20))
                .withMessage(() -> "waiting for " + what + "; the viewer's note says: "
                        + driver.findElement(By.id("settings-summary")).getDomProperty("textContent"))
                .until(condition);
    }
}
