package io.lanchat.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Code blocks highlighted (highlight.js) and maths typeset (KaTeX) in replies (issue 14, item 6): each library
 * fetched only once a reply needs it, the model's text still unable to inject anything, and the page's CSP intact.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(SharedChromium.class)
final class RichTextPageTest {
    private static final String LAST_REPLY = "#transcript .msg.assistant .body";     // one reply per test

    private LiveServer server;
    private ChatPage page;

    @BeforeEach
    void openPage(Chromium chromium) throws Exception {
        server = LiveServer.start();
        page = new ChatPage(chromium.driver).open(server.url());
        page.script("""
                window.cspViolations = [];
                document.addEventListener('securitypolicyviolation',
                    (e) => window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
                """);
    }

    @AfterEach
    void stopServer() {
        page.forgetEverything();
        server.close();
    }

    @Test
    void aJavaBlockIsHighlightedAndOnlyThenIsHighlightJsFetched() {
        assertThat(fetched("highlightjs")).isFalse();
        server.ollama.setReply(call -> List.of("Here:\n\n", "```java\n", "public class A {\n",
                "  int x = 42; // the answer\n", "}\n", "```\n\n", "A plain block:\n\n```\nnot coloured\n```"));

        page.send("code please");
        page.awaitReplyEnded();
        page.await(d -> page.script("return document.querySelector('" + LAST_REPLY + " .hljs-keyword') !== null"),
                "the code to be highlighted");

        assertThat(page.texts(LAST_REPLY + " .hljs-keyword")).contains("public", "class");
        assertThat(page.texts(LAST_REPLY + " .hljs-type")).containsExactly("int");
        assertThat(page.texts(LAST_REPLY + " .hljs-number")).containsExactly("42");
        assertThat(page.texts(LAST_REPLY + " .hljs-comment")).containsExactly("// the answer");
        assertThat(page.texts(LAST_REPLY + " pre")).containsExactly(
                "public class A {\n  int x = 42; // the answer\n}", "not coloured");
        assertThat(page.script("return document.querySelectorAll('" + LAST_REPLY + " .code-block pre')[1]"
                + ".querySelectorAll('span').length")).as("no guessing: a block without a language stays plain")
                .isEqualTo(0L);
        page.catchClipboard();
        page.driver.findElement(By.cssSelector(LAST_REPLY + " .code-head .copy")).click();
        assertThat(page.copied()).as("the code as it came, line end included")
                .isEqualTo("public class A {\n  int x = 42; // the answer\n}\n");
        assertThat(fetched("katex")).as("no maths, no KaTeX").isFalse();
        assertThat(page.script("return window.cspViolations")).asList().isEmpty();
    }

    @Test
    void mathsIsTypesetButPricesAndCodeStayText() {
        assertThat(fetched("katex")).isFalse();
        server.ollama.setReply(call -> List.of("It costs $5 and $10 today.\n\n", "$$\n\\frac{a}{b}\n$$\n\n",
                "Inline \\(x^2\\) and $y_1$, but `$z$` is code.\n\n", "```\n$$q$$\n```"));

        page.send("maths please");
        page.awaitReplyEnded();
        page.await(d -> page.script("return document.querySelectorAll('" + LAST_REPLY + " .katex').length === 3"),
                "three formulas typeset");

        assertThat(page.script("return document.querySelectorAll('" + LAST_REPLY + " .math-display .katex-display .mfrac').length"))
                .isEqualTo(1L);
        assertThat(page.texts(LAST_REPLY + " p")).first().isEqualTo("It costs $5 and $10 today.");
        assertThat(page.texts(LAST_REPLY + " p code")).containsExactly("$z$");
        assertThat(page.texts(LAST_REPLY + " pre")).containsExactly("$$q$$");
        assertThat(page.script("return [...document.querySelectorAll('" + LAST_REPLY + " .katex annotation')]"
                + ".map((a) => a.textContent)")).asList().containsExactly("\\frac{a}{b}", "x^2", "y_1");
        assertThat(page.script("return document.querySelector('" + LAST_REPLY + " .katex-html .strut').style.height"))
                .as("KaTeX's inline styles apply").isNotEqualTo("");
        page.await(d -> fetched("/dist/fonts/KaTeX_"), "KaTeX's fonts from this server");
        assertThat(page.script("return window.cspViolations")).asList().isEmpty();
    }

    @Test
    void hostileMathsAndCodeInjectNothing() {
        server.ollama.setReply(call -> List.of(
                "A $\\href{javascript:window.pwned='href'}{click}$ and $\\url{javascript:window.pwned='url'}$.\n\n",
                "$$\\htmlClass{x}{y} \\includegraphics{/icon.svg} <img src=x onerror=\"window.pwned='tex'\">$$\n\n",
                "\\(</span><img src=x onerror=\"window.pwned='close'\">\\)\n\n",
                "```html\n<img src=x onerror=\"window.pwned='code'\"><script>window.pwned='script'</script>\n```\n\n",
                "```java\n</code></pre><img src=x onerror=\"window.pwned='java'\">\n```"));

        page.send("attack");
        page.awaitReplyEnded();
        page.await(d -> page.script("return document.querySelectorAll('" + LAST_REPLY + " .math').length === 0"
                + " && document.querySelector('" + LAST_REPLY + " pre .hljs-tag') !== null"), "all typeset and highlighted");

        assertThat(page.script("return document.querySelectorAll('" + LAST_REPLY + " .katex').length")).isEqualTo(4L);
        assertThat(page.script("return document.querySelectorAll('" + LAST_REPLY + " img, " + LAST_REPLY + " script, "
                + LAST_REPLY + " a, " + LAST_REPLY + " [onerror], " + LAST_REPLY + " [href]').length")).isEqualTo(0L);
        assertThat(page.script("return window.pwned")).isNull();
        assertThat(page.texts(LAST_REPLY + " pre")).containsExactly(
                "<img src=x onerror=\"window.pwned='code'\"><script>window.pwned='script'</script>",
                "</code></pre><img src=x onerror=\"window.pwned='java'\">");
        assertThat(page.script("return window.cspViolations")).asList().isEmpty();
    }

    @Test
    void whileAReplyStreamsOnlyItsFinishedBlocksAreTypeset() {
        List<String> tokens = new ArrayList<>(List.of("First $a^2$ is done.\n\n", "Then $b^2$ is open"));
        tokens.addAll(Collections.nCopies(2000, " more"));
        server.ollama.setTokenDelay(Duration.ofMillis(20));
        server.ollama.setReply(call -> tokens);

        page.send("stream maths");
        page.await(d -> page.script("return document.querySelectorAll('" + LAST_REPLY + " .katex').length === 1"),
                "the finished paragraph to be typeset");

        assertThat(page.script("return document.querySelector('#transcript .msg.assistant:last-of-type')"
                + ".classList.contains('streaming')")).as("still streaming").isEqualTo(true);
        assertThat(page.script("return [...document.querySelectorAll('" + LAST_REPLY + " .math')].map((m) => m.textContent)"))
                .as("the open block's maths is plain text").asList().containsExactly("$b^2$");
        page.driver.findElement(By.id("stop")).click();
        page.awaitReplyEnded();
        page.await(d -> page.script("return document.querySelectorAll('" + LAST_REPLY + " .katex').length === 2"),
                "the stopped reply's last block to be typeset");
    }

    /** Whether the page fetched a file whose URL contains {@code part}. */
    private boolean fetched(String part) {
        return (Boolean) page.script("return performance.getEntriesByType('resource').some((e) => e.name.includes(arguments[0]))",
                part);
    }
}
