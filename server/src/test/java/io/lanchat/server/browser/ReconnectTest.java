package io.lanchat.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;

/** After a server restart on a LAN the page is back as soon as the server is, not after a long backoff. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(SharedChromium.class)
final class ReconnectTest {
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
    void reconnectsSoonAfterTheServerIsBackEvenAfterALongOutage() throws Exception {
        server.stopServer();
        WebElement banner = page.banner();
        // Several failed attempts: the backoff has grown past what a LAN should wait.
        page.await(Duration.ofSeconds(20), d -> banner.getText().matches("(?s).*Reconnecting in ([5-9]|\\d\\d) s….*"),
                "a long reconnect countdown");

        server.startServerAgain();

        // Generous for a loaded machine; the backoff alone would still have seconds to wait.
        page.await(Duration.ofMillis(2500), d -> page.statusState().equals("up") && !banner.isDisplayed(),
                "the page to reconnect");
        assertThat(page.statusState()).isEqualTo("up");
    }
}
