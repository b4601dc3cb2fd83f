package io.lanchat.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.standin.Thinking;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The model picker says what each model can do (an eye for vision, a brain for thinking, each with its word), and
 * the think control beside it appears only for a model that thinks, offering on/off or the model's own levels;
 * the choice reaches Ollama as that model takes it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(SharedChromium.class)
final class ModelCapabilitiesPageTest {
    private static final String VISION = "llama3.2-vision:11b";
    private static final String GPT_OSS = "gpt-oss:20b";

    private LiveServer server;
    private ChatPage page;

    @BeforeEach
    void start(Chromium chromium) throws Exception {
        server = LiveServer.start();
        server.ollama.setThinking(ThinkingPageTest.QWEN3, Thinking.TOGGLE);
        server.ollama.setThinking(GPT_OSS, Thinking.LEVELS);
        server.ollama.setCapabilities(VISION, List.of("completion", "vision"), 8192);
        page = new ChatPage(chromium.driver);
        page.open(server.url());
        page.await(d -> optionText(VISION) != null && optionText(VISION).contains("vision")
                && optionText(GPT_OSS) != null && optionText(GPT_OSS).contains("thinking"), "every model listed");
    }

    @AfterEach
    void stop() {
        page.forgetEverything();
        server.close();
    }

    private String optionText(String model) {
        return page.modelPicker().getOptions().stream().filter(o -> model.equals(o.getDomProperty("value")))
                .map(WebElement::getText).findFirst().orElse(null);
    }

    private WebElement thinkField() {
        return page.driver.findElement(By.id("think"));
    }

    private List<String> thinkChoices() {
        return new Select(thinkField()).getOptions().stream().map(WebElement::getText).toList();
    }

    @Test
    void everyModelSaysWhatItCanDoAndOnlyThinkingModelsGetTheThinkControl() {
        assertThat(optionText(VISION)).contains("\uD83D\uDC41 vision").doesNotContain("thinking");
        assertThat(optionText(ThinkingPageTest.QWEN3)).contains("\uD83E\uDDE0 thinking").doesNotContain("vision");
        assertThat(optionText(LiveServer.DEFAULT_MODEL)).doesNotContain("vision").doesNotContain("thinking");

        page.modelPicker().selectByValue(LiveServer.DEFAULT_MODEL);
        assertThat(thinkField().isDisplayed()).isFalse();

        page.modelPicker().selectByValue(ThinkingPageTest.QWEN3);
        assertThat(thinkField().isDisplayed()).isTrue();
        assertThat(thinkChoices()).containsExactly("Model default", "On", "Off");
        page.assertNoAxeViolations("the think control shown");

        page.modelPicker().selectByValue(GPT_OSS);
        assertThat(thinkChoices()).as("levels only").containsExactly("Model default", "Low", "Medium", "High");

        page.modelPicker().selectByValue(VISION);
        assertThat(thinkField().isDisplayed()).isFalse();
    }

    @Test
    void theThinkChoiceGoesWithTheMessageAsTheModelTakesIt() {
        page.modelPicker().selectByValue(ThinkingPageTest.QWEN3);
        new Select(thinkField()).selectByVisibleText("Off");
        page.send("quick one");
        WebElement reply = page.awaitReplyEnded();
        assertThat(last().think()).isEqualTo(false);
        assertThat(reply.findElements(By.cssSelector("details.thinking"))).as("no reasoning asked").isEmpty();

        new Select(thinkField()).selectByVisibleText("Model default");
        page.send("think now");
        page.await(d -> page.replies().size() == 2, "the second reply");
        WebElement thought = page.awaitReplyEnded();
        assertThat(last().think()).as("the default: think left out").isNull();
        assertThat(thought.findElements(By.cssSelector("details.thinking"))).hasSize(1);
        page.assertNoAxeViolations("a folded reasoning block");

        page.modelPicker().selectByValue(GPT_OSS);
        new Select(thinkField()).selectByVisibleText("High");
        page.send("hard one");
        page.await(d -> page.replies().size() == 3, "the third reply");
        page.awaitReplyEnded();
        assertThat(last().think()).isEqualTo("high");

        page.modelPicker().selectByValue(LiveServer.DEFAULT_MODEL);    // a model that does not think
        page.send("plain");
        page.await(d -> page.replies().size() == 4, "the fourth reply");
        page.awaitReplyEnded();
        assertThat(last().think()).as("never sent think").isNull();
    }

    private io.lanchat.standin.ChatCall last() {
        List<io.lanchat.standin.ChatCall> calls = server.ollama.chatCalls();
        return calls.get(calls.size() - 1);
    }
}
