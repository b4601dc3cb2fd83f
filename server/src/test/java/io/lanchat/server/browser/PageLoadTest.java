package io.lanchat.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a first load costs (issue 13, item 8): every module is announced up front, so the browser fetches them
 * together instead of one import level after another, and the whole first load stays under 100 KB on the wire.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(SharedChromium.class)
final class PageLoadTest {
    private static final long FIRST_LOAD_BUDGET_BYTES = 100_000;

    private Chromium chromium;
    private LiveServer server;
    private ChatPage page;

    @BeforeEach
    void openPage(Chromium shared) throws Exception {
        chromium = shared;
        server = LiveServer.start();
        // a fresh cache, so the load measured is a first load, and a connection to read sizes on the wire
        chromium.driver.executeCdpCommand("Network.enable", Map.of());
        chromium.driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
        page = new ChatPage(chromium.driver).open(server.url());
    }

    @AfterEach
    void stopServer() {
        page.forgetEverything();
        server.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyModuleIsAskedForBeforeAnyHasArrived() {
        List<String> preloaded = (List<String>) page.script(
                "return [...document.querySelectorAll('link[rel=modulepreload]')].map((l) => l.href);");
        List<Map<String, Object>> scripts = (List<Map<String, Object>>) page.script("""
                return performance.getEntriesByType('resource')
                  .filter((e) => /\\.m?js$/.test(new URL(e.name).pathname))
                  .map((e) => ({ name: e.name, asked: e.startTime, arrived: e.responseEnd }));
                """);

        assertThat(scripts).hasSizeGreaterThan(20);
        assertThat(preloaded).containsExactlyInAnyOrderElementsOf(scripts.stream().map(s -> (String) s.get("name")).toList());
        // Without preloading, a module is found only in the text of the one importing it, so it is asked for
        // after that one arrived: one round trip per level of imports. Preloaded, all are asked for at once.
        double firstArrival = scripts.stream().mapToDouble(s -> ((Number) s.get("arrived")).doubleValue()).min().orElseThrow();
        assertThat(scripts).allSatisfy(s -> assertThat(((Number) s.get("asked")).doubleValue())
                .as("%s asked for before the first module arrived (%s ms)", s.get("name"), firstArrival)
                .isLessThanOrEqualTo(firstArrival));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFirstLoadStaysUnder100KilobytesOnTheWire() {
        List<Map<String, Object>> loaded = (List<Map<String, Object>>) page.script("""
                const nav = performance.getEntriesByType('navigation')[0];
                return [nav, ...performance.getEntriesByType('resource')]
                  .filter((e) => !e.name.startsWith('ws'))
                  .map((e) => ({ name: e.name, bytes: e.transferSize, body: e.decodedBodySize }));
                """);

        long onTheWire = loaded.stream().mapToLong(e -> ((Number) e.get("bytes")).longValue()).sum();
        long unpacked = loaded.stream().mapToLong(e -> ((Number) e.get("body")).longValue()).sum();
        assertThat(loaded).filteredOn(e -> e.get("name").toString().matches(".*(/|\\.js|\\.mjs|\\.css)$"))
                .hasSizeGreaterThan(20)
                .allSatisfy(e -> assertThat(((Number) e.get("bytes")).longValue())
                        .as("%s came over the network", e.get("name")).isPositive());
        assertThat(loaded).as("code highlighting and maths load only when a reply needs them")
                .noneMatch(e -> e.get("name").toString().matches(".*/(highlightjs|katex)/.*|.*/rich-text\\..*"));
        String files = loaded.stream().map(e -> e.get("bytes") + " " + e.get("name").toString().replaceAll(".*/(js|on-demand|vendor)/", "$1/"))
                .collect(java.util.stream.Collectors.joining(", "));
        assertThat(onTheWire).as("bytes on the wire for %s files (%s unpacked): %s", loaded.size(), unpacked, files)
                .isLessThan(FIRST_LOAD_BUDGET_BYTES);
        System.out.printf("first load: %d files, %d bytes on the wire, %d unpacked%n", loaded.size(), onTheWire, unpacked);
    }
}
