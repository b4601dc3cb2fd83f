package io.lanchat.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The conversation list used without a mouse, on a phone, in dark mode, and the "another device" panel
 * (issue 13, items 1 and 9).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(SharedChromium.class)
final class SidebarAccessTest {
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
        chromium.resetWindow();
        chromium.driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        server.close();
    }

    /** Sends with the Send button: on a phone Enter starts a new line, as people expect there. */
    private void chat(String text) {
        int before = page.replies().size();
        page.type(text);
        page.button("send").click();
        page.await(d -> page.replies().size() == before + 1, "the reply to " + text);
        page.awaitReplyEnded();
    }

    private void twoConversations() {
        chat("Plan a trip to Lisbon");
        page.newChat();
        page.await(d -> page.replies().isEmpty(), "an empty chat");
        chat("Explain Rayleigh scattering");
        page.awaitConversations("Explain Rayleigh scattering", "Plan a trip to Lisbon");
    }

    private void press(CharSequence... keys) {
        new Actions(page.driver).sendKeys(keys).perform();
    }

    /** Presses Tab until the focused element matches, as a keyboard user would; fails after 30 presses. */
    private WebElement tabTo(Predicate<WebElement> wanted, String what) {
        for (int i = 0; i < 30; i++) {
            press(Keys.TAB);
            WebElement focused = page.focused();
            if (wanted.test(focused)) {
                return focused;
            }
        }
        throw new AssertionError("Tab never reached " + what);
    }

    private static Predicate<WebElement> hasClass(String name) {
        return e -> List.of(String.valueOf(e.getAttribute("class")).split(" ")).contains(name);
    }

    @Test
    void everythingInTheListWorksWithTheKeyboardAndHasAName() {
        twoConversations();
        assertThat(page.driver.findElement(By.id("sidebar")).getAccessibleName()).isEqualTo("Conversations");
        assertThat(page.driver.findElement(By.id("conversation-search")).getAccessibleName()).isEqualTo("Search conversations");
        page.script("document.activeElement.blur()");

        WebElement open = tabTo(hasClass("conv-open"), "the first conversation");
        assertThat(open.getAccessibleName()).isEqualTo("Explain Rayleigh scattering");
        WebElement older = tabTo(e -> hasClass("conv-open").test(e) && e.getAccessibleName().equals("Plan a trip to Lisbon"),
                "the older conversation");
        older.sendKeys(Keys.ENTER);
        page.await(d -> page.chatTitle().equals("Plan a trip to Lisbon"), "the older conversation to open");
        page.await(d -> page.transcriptTexts().size() == 2, "its messages");
        assertThat(page.focused().getAttribute("id")).isEqualTo("input");

        WebElement more = tabTo(e -> hasClass("conv-more").test(e)
                && e.getAccessibleName().equals("Actions for “Plan a trip to Lisbon”"), "its actions button")
                ;
        press(Keys.ENTER);
        assertThat(more.getAttribute("aria-expanded")).isEqualTo("true");
        press(Keys.TAB);
        assertThat(page.focused().getText()).isEqualTo("Rename");
        press(Keys.ENTER);
        page.focused().sendKeys(Keys.chord(Keys.CONTROL, "a"), "Lisbon trip", Keys.ENTER);
        page.awaitConversations("Lisbon trip", "Explain Rayleigh scattering");
        assertThat(page.focused().getAccessibleName()).isEqualTo("Lisbon trip");

        press(Keys.TAB);
        assertThat(page.focused().getAccessibleName()).isEqualTo("Actions for “Lisbon trip”");
        press(Keys.ENTER);
        tabTo(e -> e.getText().equals("Delete"), "Delete");
        press(Keys.ENTER);
        page.awaitConversations("Explain Rayleigh scattering");
        assertThat(page.focused().getText()).isEqualTo("Undo");
        press(Keys.ENTER);
        page.awaitConversations("Lisbon trip", "Explain Rayleigh scattering");
    }

    @Test
    void onAPhoneTheListIsADrawer() {
        chromium.driver.manage().window().setSize(new Dimension(390, 844));
        twoConversations();
        WebElement menu = page.button("menu");
        assertThat(menu.isDisplayed()).isTrue();
        assertThat(drawerIsOnScreen()).isFalse();
        assertThat(page.script("return document.getElementById('sidebar').inert")).isEqualTo(true);

        menu.click();
        page.await(d -> drawerIsOnScreen(), "the drawer to slide in");
        assertThat(menu.getAttribute("aria-expanded")).isEqualTo("true");
        assertThat(page.focused().getAttribute("id")).isEqualTo("new-chat");
        press(Keys.ESCAPE);
        page.await(d -> !drawerIsOnScreen(), "Escape to close the drawer");
        assertThat(page.focused().getAttribute("id")).isEqualTo("menu");

        menu.click();
        page.await(d -> drawerIsOnScreen(), "the drawer to slide in again");
        page.openConversation("Plan a trip to Lisbon");
        page.await(d -> !drawerIsOnScreen(), "choosing a conversation to close the drawer");
        assertThat(page.transcriptTexts()).containsExactly("Plan a trip to Lisbon", "You said: Plan a trip to Lisbon (turn 1)");
        assertThat(page.script("return document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
    }

    private boolean drawerIsOnScreen() {
        return (Boolean) page.script("""
                const r = document.getElementById('sidebar').getBoundingClientRect();
                return r.right > 10 && r.left >= -1;
                """);
    }

    @Test
    void theListIsReadableInDarkAndLightMode() {
        twoConversations();
        page.openConversation("Plan a trip to Lisbon");
        page.conversation("Explain Rayleigh scattering").findElement(By.className("conv-more")).click();

        for (String scheme : List.of("light", "dark")) {
            chromium.driver.executeCdpCommand("Emulation.setEmulatedMedia",
                    Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
            assertThat(page.script("return matchMedia('(prefers-color-scheme: dark)').matches")).isEqualTo(scheme.equals("dark"));
            for (String selector : List.of(".conv-open:not([aria-current]) .conv-title", ".conv-open[aria-current] .conv-title",
                    ".conv-group-name", "#chat-title", "#settings-summary", "#import-button",
                    ".conv-actions:not([hidden]) [data-act=delete]", ".conv-actions:not([hidden]) [data-act=rename]")) {
                assertThat((Number) page.script(CONTRAST, selector)).as("%s in %s mode", selector, scheme)
                        .satisfies(ratio -> assertThat(ratio.doubleValue()).isGreaterThanOrEqualTo(4.5));
            }
        }
        assertThat((Number) page.script(LUMINANCE_OF_SIDEBAR)).satisfies(l -> assertThat(l.doubleValue()).isLessThan(0.2));
    }

    /** WCAG contrast of the text of the first match against the first opaque background behind it. */
    private static final String CONTRAST = """
            const node = document.querySelector(arguments[0]);
            const rgb = (c) => c.match(/[\\d.]+/g).map(Number);
            const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
              .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
            let back = node;
            while (back && (getComputedStyle(back).backgroundColor === 'rgba(0, 0, 0, 0)'
                || getComputedStyle(back).backgroundColor === 'transparent')) back = back.parentElement;
            const a = lum(rgb(getComputedStyle(node).color));
            const b = lum(rgb(getComputedStyle(back ?? document.body).backgroundColor));
            return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
            """;

    private static final String LUMINANCE_OF_SIDEBAR = """
            const [r, g, b] = getComputedStyle(document.getElementById('sidebar')).backgroundColor.match(/[\\d.]+/g).map(Number);
            return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
            """;

    @Test
    void theOtherDevicePanelCarriesTheOwnerKeyAndSaysWhatItProtects() {
        chat("my own question");
        page.awaitConversations("my own question");
        String key = (String) page.script("return localStorage.getItem('lanchat.ownerKey')");

        page.button("device-link-button").click();
        WebElement dialog = page.driver.findElement(By.id("device-dialog"));
        page.await(d -> dialog.isDisplayed(), "the panel");
        String link = page.driver.findElement(By.id("device-link")).getDomProperty("value");
        assertThat(link).isEqualTo(server.url() + "#owner_key=" + key);
        assertThat(dialog.getText()).contains("What it protects").contains("What it does not protect")
                .contains("not a password").contains("administrator can read");
        press(Keys.ESCAPE);
        page.await(d -> !dialog.isDisplayed(), "Escape to close the panel");
        assertThat(page.focused().getAttribute("id")).isEqualTo("device-link-button");

        page.forgetEverything();              // another device: no key, no conversation
        page.driver.get(server.url());
        page.awaitConnected();
        page.await(d -> page.texts("#list-status").equals(List.of("No conversations yet.")), "an empty list");
        page.driver.get(link);
        page.driver.navigate().refresh();    // a fragment change alone does not reload the page
        page.awaitConnected();
        page.awaitConversations("my own question");
        assertThat(page.driver.getCurrentUrl()).doesNotContain("owner_key");
    }
}
