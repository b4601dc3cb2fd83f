package io.lanchat.server.browser;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What drawing a streaming reply costs per frame as the reply grows to 10,000 tokens, in real Chromium. Opt-in
 * (it times things, so it is no test): {@code mvn -B -o -q -pl server -am test -Dtest=RenderBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dlanchat.browserBench=true}. The figures go to BENCHMARKS.md.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@ExtendWith(SharedChromium.class)
@EnabledIfSystemProperty(named = "lanchat.browserBench", matches = "true")
final class RenderBenchmark {
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
    void costPerFrameAsTheReplyGrows() {
        page.driver.manage().timeouts().scriptTimeout(java.time.Duration.ofSeconds(240));
        // The page's own ReplyView, fed like the controller feeds it: 10 tokens per animation frame (a fast
        // model at 600 tokens/s), the frame's drawing timed. Paragraphs of 60 tokens, a list and a code block.
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) page.asyncScript("""
                const done = arguments[arguments.length - 1];
                const base = document.querySelector('script[type=module]').src.replace(/main\\.js$/, '');
                import(base + 'reply-view.js').then(async ({ ReplyView }) => {
                  const reply = new ReplyView(() => {});
                  document.getElementById('transcript').append(reply.node);
                  const token = (i) => i % 60 === 59 ? 'end.\\n\\n' : i % 600 === 300 ? '\\n\\n- item one\\n- item two\\n\\n'
                      : i % 1000 === 500 ? '\\n\\n```js\\nconst x = 1;\\n```\\n\\n' : `word${i % 97} `;
                  const windows = {};
                  for (let i = 0; i < 10000; i += 10) {
                    for (let j = i; j < i + 10; j += 1) reply.append(token(j));
                    const started = performance.now();
                    reply.render();
                    document.body.offsetHeight;            // layout, as the next frame would
                    const spent = performance.now() - started;
                    const window = Math.floor(i / 1000);
                    (windows[window] ??= []).push(spent);
                    if (i % 200 === 0) await new Promise((r) => setTimeout(r, 0));
                  }
                  const summary = {};
                  for (const [w, times] of Object.entries(windows)) {
                    times.sort((a, b) => a - b);
                    summary[`tokens ${w * 1000}-${w * 1000 + 999}`] = {
                      meanMs: +(times.reduce((a, b) => a + b, 0) / times.length).toFixed(3),
                      p95Ms: +times[Math.floor(times.length * 0.95)].toFixed(3) };
                  }
                  done(summary);
                }).catch((e) => done({ error: String(e) }));
                """);
        result.forEach((window, figures) -> System.out.println("RenderBenchmark " + window + ": " + figures));
    }
}
