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
                        said: document.getElementById('announcer').textContent.slice(0, 80) });
                    """));
        } catch (RuntimeException e) {
            return "(unknown: " + e.getClass().getSimpleName() + ")";
        }
    }
}
