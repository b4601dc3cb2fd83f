package io.lanchat.server.page;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The third-party files the page uses, read from their WebJars. Two kinds: the modules of the first load (named
 * in the import map and preloaded), and libraries fetched only when a reply needs them (highlight.js, KaTeX). Our
 * on-demand modules name the latter as {@code {{vendor:PACKAGE/FILE}}}, which {@link #link} turns into the file's
 * versioned URL, so they cost the first load nothing, not even a line of the page.
 */
final class VendorFiles {
    private static final Pattern LINK = Pattern.compile("\\{\\{vendor:([a-z0-9.-]+)/([A-Za-z0-9./_-]+)}}");
    /** The fonts a style sheet names in the format every current browser takes; the woff/ttf fallbacks are left out. */
    private static final Pattern WOFF2 = Pattern.compile("url\\(([A-Za-z0-9/_-]+\\.woff2)\\)");

    /** A WebJar file the page needs, and the module name it is imported by (null: not in the import map). */
    private record Wanted(String group, String npmPackage, String file, String moduleName) {
    }

    private static final List<Wanted> WANTED = List.of(
            new Wanted(WebJar.NPM, "marked", "lib/marked.esm.js", "marked"),
            new Wanted(WebJar.NPM, "marked", "lib/marked.esm.js.map", null),
            new Wanted(WebJar.NPM, "marked", "LICENSE.md", null),
            new Wanted(WebJar.NPM, "dompurify", "dist/purify.es.mjs", "dompurify"),
            new Wanted(WebJar.NPM, "dompurify", "dist/purify.es.mjs.map", null),
            new Wanted(WebJar.NPM, "dompurify", "LICENSE", null),
            // On demand, as classic scripts: the highlightjs WebJar has no ES module build, and KaTeX's module
            // (katex.mjs) is not minified, twice the size of katex.min.js on the wire.
            new Wanted(WebJar.CLASSIC, "highlightjs", "highlight.min.js", null),
            new Wanted(WebJar.NPM, "katex", "dist/katex.min.js", null),
            new Wanted(WebJar.NPM, "katex", "dist/katex.min.css", null),     // and the fonts it names
            new Wanted(WebJar.NPM, "katex", "LICENSE", null));

    /**
     * @param byPath file contents keyed by URL path
     * @param imports module name to URL path, for the import map (only modules of the first load)
     * @param links {@code PACKAGE/FILE} to URL path, for {@link #link}
     */
    record Loaded(Map<String, byte[]> byPath, Map<String, String> imports, Map<String, String> links) {
    }

    private VendorFiles() {
    }

    /** @throws IllegalStateException if a WebJar or one of its files is missing */
    static Loaded load(ClassLoader loader) {
        Map<String, byte[]> byPath = new LinkedHashMap<>();
        Map<String, String> imports = new LinkedHashMap<>();
        Map<String, String> links = new LinkedHashMap<>();
        for (Wanted wanted : WANTED) {
            WebJar jar = WebJar.find(loader, wanted.group(), wanted.npmPackage());
            byte[] bytes = jar.read(loader, wanted.file());
            add(jar, wanted.file(), bytes, byPath, links);
            if (wanted.moduleName() != null) {
                imports.put(wanted.moduleName(), jar.urlPath(wanted.file()));
            }
            if (wanted.file().endsWith(".css")) {
                String folder = wanted.file().substring(0, wanted.file().lastIndexOf('/') + 1);
                Matcher font = WOFF2.matcher(new String(bytes, StandardCharsets.UTF_8));
                while (font.find()) {
                    String file = folder + font.group(1);
                    add(jar, file, jar.read(loader, file), byPath, links);
                }
            }
        }
        return new Loaded(byPath, imports, links);
    }

    private static void add(WebJar jar, String file, byte[] bytes, Map<String, byte[]> byPath, Map<String, String> links) {
        byPath.put(jar.urlPath(file), bytes);
        links.put(jar.name() + "/" + file, jar.urlPath(file));
    }

    /**
     * Replaces every {@code {{vendor:PACKAGE/FILE}}} in a text file of ours by the URL path of that file.
     *
     * @throws IllegalStateException if the file names a vendor file that is not served (caught at start-up)
     */
    static byte[] link(String name, byte[] bytes, Map<String, String> links) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!text.contains("{{vendor:")) {
            return bytes;
        }
        Matcher link = LINK.matcher(text);
        StringBuilder linked = new StringBuilder(text.length());
        while (link.find()) {
            String path = links.get(link.group(1) + "/" + link.group(2));
            if (path == null) {
                throw new IllegalStateException(name + " names " + link.group() + ", which is not served");
            }
            link.appendReplacement(linked, Matcher.quoteReplacement(path));
        }
        link.appendTail(linked);
        if (linked.indexOf("{{vendor:") >= 0) {
            throw new IllegalStateException(name + " has a malformed {{vendor:…}} link");
        }
        return linked.toString().getBytes(StandardCharsets.UTF_8);
    }
}
