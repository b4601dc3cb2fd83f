package io.lanchat.server.browser;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The chat page as a person sees and uses it: what is on screen, and typing and clicking. */
final class ChatPage {
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final By INPUT = By.id("input");
    private static final By REPLIES = By.cssSelector("#transcript .msg.assistant");

    final WebDriver driver;

    ChatPage(WebDriver driver) {
        this.driver = driver;
    }

    /**
     * Loads the page and waits until it is connected. Every {@link LiveServer} has its own port, hence its own
     * origin and empty localStorage, so nothing remembered leaks from one test to the next.
     */
    ChatPage open(String url) {
        driver.get(url);
        awaitConnected();
        return this;
    }

    void awaitConnected() {
        await(d -> statusState().equals("up")
                && d.findElement(By.id("connection-banner")).getDomProperty("hidden").equals("true"),
                "the page to connect");
    }

    WebElement input() {
        return driver.findElement(INPUT);
    }

    void type(String text) {
        input().sendKeys(text);
    }

    /** Types the message and presses Enter, as a person would. */
    void send(String text) {
        type(text);
        input().sendKeys(Keys.ENTER);
    }

    String inputText() {
        return input().getDomProperty("value");
    }

    List<WebElement> replies() {
        return driver.findElements(REPLIES);
    }

    WebElement lastReply() {
        List<WebElement> replies = await(d -> {
            List<WebElement> found = d.findElements(REPLIES);
            return found.isEmpty() ? null : found;
        }, "a reply");
        return replies.get(replies.size() - 1);
    }

    /** The visible text of the newest reply's body. */
    String lastReplyText() {
        return lastReply().findElement(By.className("body")).getText();
    }

    /** Waits until the newest reply has ended (done, stopped or failed) and returns it. */
    WebElement awaitReplyEnded() {
        return await(d -> {
            WebElement reply = lastReply();
            String classes = reply.getAttribute("class");
            return classes.contains("streaming") ? null : reply;
        }, "the reply to end");
    }

    /** The visible texts of the elements matching a CSS selector, in page order. */
    List<String> texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    /** What the polite live region last said to screen readers. */
    String announcement() {
        return driver.findElement(By.id("announcer")).getDomProperty("textContent");
    }

    WebElement banner() {
        return driver.findElement(By.id("connection-banner"));
    }

    /**
     * Forgets what the page stored for this origin (its conversation and token in sessionStorage, the model in
     * localStorage), so that a later test whose server happens to get the same port starts afresh.
     */
    void forgetEverything() {
        script("sessionStorage.clear(); localStorage.clear();");
    }

    String statusState() {
        return driver.findElement(By.id("ollama-status")).getAttribute("data-state");
    }

    WebElement statusLight() {
        return driver.findElement(By.id("ollama-status"));
    }

    Select modelPicker() {
        return new Select(driver.findElement(By.id("model")));
    }

    WebElement button(String id) {
        return driver.findElement(By.id(id));
    }

    // ---- the conversation list and the conversation header (issue 13)

    /** The titles in the conversation list, top to bottom. */
    @SuppressWarnings("unchecked")
    List<String> conversationTitles() {
        // one script, so a redraw between finding and reading cannot leave a stale element
        return (List<String>) script("return [...document.querySelectorAll('#conversation-list .conv-title')]"
                + ".map((t) => t.textContent);");
    }

    /** Waits until the list shows exactly these titles, in this order, and returns them. */
    List<String> awaitConversations(String... titles) {
        List<String> wanted = List.of(titles);
        return await(d -> conversationTitles().equals(wanted) ? wanted : null, "the list to show " + wanted
                + " (it shows " + conversationTitles() + ")");
    }

    /** The list item of the conversation with this title. */
    WebElement conversation(String title) {
        return await(d -> (WebElement) script("return [...document.querySelectorAll('#conversation-list li.conv')]"
                + ".find((li) => li.querySelector('.conv-title').textContent === arguments[0]) ?? null;", title),
                "the conversation “" + title + "” in the list");
    }

    /** Clicks a conversation in the list and waits until its messages are on screen. */
    void openConversation(String title) {
        conversation(title).findElement(By.className("conv-open")).click();
        await(d -> chatTitle().equals(title), "the conversation “" + title + "” to open");
        awaitConnected();
    }

    /** Opens a conversation's row of actions and clicks one of them ("rename", "markdown", "json", "delete"). */
    void conversationAction(String title, String action) {
        WebElement item = conversation(title);
        WebElement more = item.findElement(By.className("conv-more"));
        if (!"true".equals(more.getAttribute("aria-expanded"))) {
            more.click();
        }
        item.findElement(By.cssSelector("[data-act='" + action + "']")).click();
    }

    /** Clicks "New chat", opening the drawer first on a phone. */
    void newChat() {
        WebElement menu = driver.findElement(By.id("menu"));
        if (menu.isDisplayed() && !"true".equals(menu.getAttribute("aria-expanded"))) {
            menu.click();
            await(d -> (Boolean) script("return document.getElementById('sidebar').getBoundingClientRect().left >= -1"),
                    "the drawer to open");
        }
        driver.findElement(By.id("new-chat")).click();
    }

    String chatTitle() {
        return driver.findElement(By.id("chat-title")).getText();
    }

    /** The texts of the user messages and replies on screen, in order. */
    List<String> transcriptTexts() {
        return texts("#transcript .msg .body");
    }

    /** The element that has the keyboard focus. */
    WebElement focused() {
        return driver.switchTo().activeElement();
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Runs a script that reports its result by calling {@code arguments[0]}. */
    Object asyncScript(String js) {
        return ((JavascriptExecutor) driver).executeAsyncScript(js);
    }

    <T> T await(Function<WebDriver, T> condition, String what) {
        return await(WAIT, condition, what);
    }

    <T> T await(Duration timeout, Function<WebDriver, T> condition, String what) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(20))
                .withMessage(() -> "waiting for " + what + "; the page shows " + describe())
                .until(condition);
    }

    /** What is on screen, briefly, for the message of a failed wait. */
    private String describe() {
        try {
            return String.valueOf(script("""
                    const text = (id) => { const n = document.getElementById(id);
                        return n && !n.hidden ? n.textContent.replace(/\\s+/g, ' ').trim() : null; };
                    const last = [...document.querySelectorAll('#transcript .msg.assistant')].pop();
                    return JSON.stringify({ status: text('ollama-status'), banner: text('connection-banner'),
                        access: text('access-panel') !== null, lastReply: last ? last.className : null,
                        lastReplyEnd: last ? last.textContent.slice(-60) : null,
                        said: document.getElementById('announcer').textContent.slice(0, 80),
                        errors: [...document.querySelectorAll('#transcript .error-box')].map(b => b.textContent) });
                    """));
        } catch (RuntimeException e) {
            return "(unknown: " + e.getClass().getSimpleName() + ")";
        }
    }

    // ---- Added for issue 13 (phone and dark emulation, axe-core, contrast): kept together.

    private static final String AXE_RESOURCE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
    private static String axeSource;

    /**
     * Runs axe-core (a test-scoped webjar, injected here and never served by the product) on the page as it is
     * now, and fails naming every violation and its elements.
     */
    void assertNoAxeViolations(String state) {
        if (!Boolean.TRUE.equals(script("return typeof window.axe === 'object'"))) {
            script(axe());
        }
        Object found = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] })
                  .then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' at '
                      + v.nodes.map(n => n.target.join(' ')).join(', '))))
                  .catch(e => done(['axe failed: ' + e]));
                """);
        org.assertj.core.api.Assertions.assertThat((List<?>) found).as("axe-core violations in state: " + state)
                .isEmpty();
    }

    private static synchronized String axe() {
        if (axeSource == null) {
            try (var in = ChatPage.class.getClassLoader().getResourceAsStream(AXE_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("axe-core is missing from the test classpath: " + AXE_RESOURCE);
                }
                axeSource = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return axeSource;
    }

    private Object cdp(String command, java.util.Map<String, Object> params) {
        return ((org.openqa.selenium.chromium.HasCdp) driver).executeCdpCommand(command, params);
    }

    /** A phone: a narrow viewport with a touch screen (pointer: coarse). */
    void emulatePhone() {
        cdp("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", 390, "height", 800,
                "deviceScaleFactor", 1, "mobile", true));
        cdp("Emulation.setTouchEmulationEnabled", java.util.Map.of("enabled", true, "maxTouchPoints", 5));
    }

    /** The system's colour scheme as the page sees it: "dark" or "light". */
    void emulateColorScheme(String scheme) {
        cdp("Emulation.setEmulatedMedia", java.util.Map.of("features",
                List.of(java.util.Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /** Back to the desktop browser every test expects. */
    void stopEmulating() {
        cdp("Emulation.clearDeviceMetricsOverride", java.util.Map.of());
        cdp("Emulation.setTouchEmulationEnabled", java.util.Map.of("enabled", false));
        cdp("Emulation.setEmulatedMedia", java.util.Map.of("features", List.of()));
    }

    /**
     * The WCAG contrast ratio of the first element matching {@code css}: its text colour against the first
     * opaque background behind it.
     */
    double contrastOf(String css) {
        return ((Number) script("""
                const node = document.querySelector(arguments[0]);
                const rgb = (c) => c.match(/[\\d.]+/g).map(Number);
                let back = null;
                for (let n = node; n && !back; n = n.parentElement) {
                  const c = rgb(getComputedStyle(n).backgroundColor);
                  if (c.length < 4 || c[3] === 1) back = c;
                }
                back = back ?? [255, 255, 255];
                const lum = ([r, g, b]) => [r, g, b].map(v => v / 255)
                    .map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4))
                    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
                const [a, b] = [lum(rgb(getComputedStyle(node).color)), lum(back)];
                return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                """, css)).doubleValue();
    }

    /** The text of the model picker's chosen option, read at once (the options are replaced on every change). */
    String chosenModelText() {
        return String.valueOf(script("const s = document.getElementById('model');"
                + " return s.selectedIndex < 0 ? '' : s.options[s.selectedIndex].text;"));
    }

    /** The composer's status line under the box, or "" when it shows the usual keyboard hint. */
    String composerStatus() {
        WebElement status = driver.findElement(By.cssSelector("#composer-hint .hint-status"));
        return status.isDisplayed() ? status.getText() : "";
    }

    // ---- Versions of messages: regenerate, edit, "‹ 2/3 ›" and Copy (issue 13, item 2): kept together.

    /** The user messages and replies on screen (not hidden), in order. */
    List<WebElement> messages() {
        return driver.findElements(By.cssSelector("#transcript .msg")).stream().filter(WebElement::isDisplayed)
                .toList();
    }

    /** A button of the toolbar of the message at {@code index} (0 first): "copy-msg", "edit", "regen", ... */
    WebElement messageTool(int index, String tool) {
        return await(d -> {
            List<WebElement> shown = messages();
            if (shown.size() <= index) {
                return null;
            }
            List<WebElement> found = shown.get(index).findElements(By.cssSelector(".msg-tools ." + tool));
            return found.isEmpty() || !found.get(0).isEnabled() ? null : found.get(0);
        }, "the button ." + tool + " of message " + index);
    }

    /** What a screen reader hears of the version control of message {@code index}, or "" when it has none. */
    String versionOf(int index) {
        return String.valueOf(script("const m = [...document.querySelectorAll('#transcript .msg')]"
                + ".filter((n) => !n.hidden)[arguments[0]];"
                + " return m?.querySelector('.ver-label .visually-hidden')?.textContent ?? '';", index));
    }

    /** Waits until the transcript shows exactly these texts (user messages and replies, in order), all ended. */
    void awaitTranscript(String... texts) {
        List<String> wanted = List.of(texts);
        await(d -> shownTexts().equals(wanted) ? wanted : null,
                "the transcript to show " + wanted + " (it shows " + shownTexts() + ")");
    }

    /** The texts of the messages shown, read in one script (the transcript is redrawn whole); "…" if one streams. */
    @SuppressWarnings("unchecked")
    List<String> shownTexts() {
        return (List<String>) script("return [...document.querySelectorAll('#transcript .msg')]"
                + ".filter((m) => !m.hidden).map((m) => m.classList.contains('streaming') ? '…'"
                + " : m.querySelector('.body').innerText.trim());");
    }

    /** Makes the clipboard a variable the test can read ({@link #copied()}), as a real one cannot be here. */
    void catchClipboard() {
        script("window.copied = null; navigator.clipboard.writeText = async (t) => { window.copied = t; };");
    }

    String copied() {
        return (String) await(d -> script("return window.copied;"), "something to be copied");
    }

    /** Presses keys on whatever has the focus, as a keyboard-only user does. */
    void press(CharSequence... keys) {
        new org.openqa.selenium.interactions.Actions(driver).sendKeys(keys).perform();
    }
}
