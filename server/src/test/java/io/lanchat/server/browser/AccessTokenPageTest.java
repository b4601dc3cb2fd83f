package io.lanchat.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * A server started with --access-tokens: the page explains how to get in when it is refused, takes a pasted
 * token, and takes a token from its address (?access_token=…) without leaving it in the address bar.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(SharedChromium.class)
final class AccessTokenPageTest {
    private static final String TOKEN = "tok-3n9Vq2pX-7hKd4wLs";

    private LiveServer server;
    private ChatPage page;

    @BeforeEach
    void start(Chromium chromium) throws Exception {
        server = LiveServer.start("--access-tokens", "ada:" + TOKEN);
        page = new ChatPage(chromium.driver);
    }

    @AfterEach
    void stop() {
        page.forgetEverything();
        server.close();
    }

    @Test
    void withoutATokenThePageSaysHowToGetInAndTakesAPastedOne() {
        page.driver.get(server.url());

        WebElement panel = page.await(d -> {
            WebElement found = d.findElement(By.id("access-panel"));
            return found.isDisplayed() ? found : null;
        }, "the access token panel");
        assertThat(panel.findElement(By.tagName("h2")).getText()).isEqualTo("This server needs an access token");
        assertThat(panel.getText()).contains(server.url() + "?access_token=TOKEN");
        WebElement field = panel.findElement(By.tagName("input"));
        assertThat(field.getAccessibleName()).isEqualTo("Access token");
        assertThat(field.getAttribute("type")).isEqualTo("password");
        page.await(d -> page.banner().getText().contains("The server refused the connection."), "the banner");
        assertThat(page.statusState()).isEqualTo("offline");
        assertThat(page.button("send").isEnabled()).isFalse();

        field.sendKeys("not-the-token", Keys.ENTER);
        page.await(d -> panel.findElement(By.tagName("h2")).getText().equals("The server refused the access token"),
                "the panel to say the token was refused");

        field.sendKeys(TOKEN, Keys.ENTER);

        page.awaitConnected();
        assertThat(panel.isDisplayed()).isFalse();
        page.send("let me in");
        page.awaitReplyEnded();
        assertThat(page.lastReplyText()).isEqualTo("You said: let me in (turn 1)");
        assertThat(page.script("return sessionStorage.getItem('lanchat.accessToken')")).isEqualTo("\"" + TOKEN + "\"");
    }

    @Test
    void aTokenInTheAddressIsUsedAndTakenOutOfTheAddressBar() {
        page.driver.get(server.url() + "?access_token=" + TOKEN + "#top");

        page.awaitConnected();
        assertThat(page.driver.getCurrentUrl()).isEqualTo(server.url() + "#top");
        assertThat(page.driver.findElement(By.id("access-panel")).isDisplayed()).isFalse();
        page.send("hello");
        page.awaitReplyEnded();
        assertThat(page.lastReplyText()).isEqualTo("You said: hello (turn 1)");

        page.driver.navigate().refresh();                        // the tab keeps it: no need to type it again

        page.awaitConnected();
        page.await(d -> page.replies().size() == 1, "the conversation to come back");
        assertThat(page.driver.getCurrentUrl()).doesNotContain("access_token");
    }
}
