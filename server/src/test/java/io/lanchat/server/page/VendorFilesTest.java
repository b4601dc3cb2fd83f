package io.lanchat.server.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The third-party files and the links our on-demand modules use to reach them. */
final class VendorFilesTest {
    private static final VendorFiles.Loaded LOADED = VendorFiles.load(VendorFilesTest.class.getClassLoader());

    @Test
    void onDemandLibrariesAreServedButOnlyFirstLoadModulesAreImported() {
        assertThat(LOADED.imports()).containsOnlyKeys("marked", "dompurify");
        assertThat(LOADED.links()).containsKeys("highlightjs/highlight.min.js", "katex/dist/katex.min.js",
                "katex/dist/katex.min.css", "katex/dist/fonts/KaTeX_Main-Regular.woff2");
        assertThat(LOADED.byPath().keySet()).filteredOn(path -> path.contains("/fonts/"))
                .hasSize(20).allMatch(path -> path.endsWith(".woff2"));
    }

    @Test
    void aLinkBecomesTheVersionedUrlAndAnUnknownOneStopsStartUp() {
        Map<String, String> links = LOADED.links();
        byte[] source = "load('{{vendor:katex/dist/katex.min.js}}');".getBytes(StandardCharsets.UTF_8);

        String linked = new String(VendorFiles.link("a.js", source, links), StandardCharsets.UTF_8);

        assertThat(linked).matches("load\\('/vendor/katex/0\\.16\\.[0-9]+/dist/katex\\.min\\.js'\\);");
        assertThat(LOADED.byPath()).containsKey(linked.substring(6, linked.length() - 3));
        byte[] plain = "no links".getBytes(StandardCharsets.UTF_8);
        assertThat(VendorFiles.link("b.js", plain, links)).isSameAs(plain);
        assertThatThrownBy(() -> VendorFiles.link("c.js", "'{{vendor:katex/nope.js}}'".getBytes(StandardCharsets.UTF_8), links))
                .hasMessageContaining("c.js").hasMessageContaining("not served");
        assertThatThrownBy(() -> VendorFiles.link("d.js", "'{{vendor:katex/x y}}'".getBytes(StandardCharsets.UTF_8), links))
                .hasMessageContaining("malformed");
    }
}
