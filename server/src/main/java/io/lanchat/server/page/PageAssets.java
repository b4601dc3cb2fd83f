package io.lanchat.server.page;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The browser page and everything it loads, read from the class path once at start-up, so serving never touches
 * the disk. URL layout:
 * <pre>
 *   /                                   index.html: revalidated on every load (no-cache + ETag)
 *   /assets/VERSION/FILE                our files under web/; VERSION is a hash of all of them, so they are
 *                                       cached for a year and a new build changes every URL
 *   /vendor/PACKAGE/VERSION/FILE        third-party code from WebJars, cached for a year ({@link VendorFiles})
 * </pre>
 * Relative imports between our modules stay inside the versioned folder; third-party modules are reached through
 * the page's import map, so no JavaScript file needs rewriting.
 */
final class PageAssets {
    static final String WEB_DIRECTORY = "web";
    static final String PAGE = "index.html";
    private static final String ASSETS_PLACEHOLDER = "{{assets}}";
    private static final String IMPORT_MAP_PLACEHOLDER = "{{importmap}}";
    private static final String PRELOAD_PLACEHOLDER = "{{modulepreload}}";

    /**
     * @param byPath the assets keyed by URL path
     * @param importMap the JSON of the page's import map, exactly as it appears in the page
     */
    record Loaded(Map<String, StaticAsset> byPath, String importMap, String version) {
    }

    private PageAssets() {
    }

    /**
     * Reads and prepares every file. Slow (reads jars, compresses): call it once, at start-up.
     *
     * @throws IllegalStateException if the page or a WebJar is missing
     */
    static Loaded load(ClassLoader loader) {
        VendorFiles.Loaded vendor = VendorFiles.load(loader);
        Map<String, byte[]> files = new TreeMap<>();
        ClasspathFiles.readTree(loader, WEB_DIRECTORY, PAGE).forEach((name, bytes) ->
                files.put(name, name.endsWith(".js") ? VendorFiles.link(name, bytes, vendor.links()) : bytes));
        String version = versionOf(files);
        String assetsBase = "/assets/" + version;
        Map<String, StaticAsset> byPath = new LinkedHashMap<>();
        files.forEach((name, bytes) -> {
            if (!name.equals(PAGE)) {
                byPath.put(assetsBase + "/" + name, StaticAsset.of(bytes, ContentTypes.forPath(name), StaticAsset.IMMUTABLE));
            }
        });
        vendor.byPath().forEach((path, bytes) ->
                byPath.put(path, StaticAsset.of(bytes, ContentTypes.forPath(path), StaticAsset.IMMUTABLE)));
        Map<String, String> imports = vendor.imports();
        String importMap = importMapJson(imports);
        String preloads = modulePreloads(files.keySet(), assetsBase, imports.values());
        String page = render(new String(files.get(PAGE), StandardCharsets.UTF_8), assetsBase, importMap, preloads);
        StaticAsset index = StaticAsset.of(page.getBytes(StandardCharsets.UTF_8), ContentTypes.forPath(PAGE),
                StaticAsset.NO_CACHE);
        byPath.put("/", index);
        byPath.put("/" + PAGE, index);
        return new Loaded(Map.copyOf(byPath), importMap, version);
    }

    private static String render(String template, String assetsBase, String importMap, String preloads) {
        if (!template.contains(ASSETS_PLACEHOLDER) || !template.contains(IMPORT_MAP_PLACEHOLDER)
                || !template.contains(PRELOAD_PLACEHOLDER)) {
            throw new IllegalStateException(PAGE + " must contain " + ASSETS_PLACEHOLDER + ", " + IMPORT_MAP_PLACEHOLDER
                    + " and " + PRELOAD_PLACEHOLDER);
        }
        return template.replace(PRELOAD_PLACEHOLDER, preloads).replace(ASSETS_PLACEHOLDER, assetsBase)
                .replace(IMPORT_MAP_PLACEHOLDER, importMap);
    }

    /**
     * One {@code <link rel="modulepreload">} per module of the first load (ours under js/, and the third-party
     * ones of the import map; never those under on-demand/ or the libraries they load): the browser then fetches them all at once instead of discovering them import by
     * import, one round trip per level, which a slow link would pay for every module.
     */
    private static String modulePreloads(Iterable<String> ourFiles, String assetsBase, Iterable<String> vendorModules) {
        StringBuilder links = new StringBuilder();
        for (String name : ourFiles) {
            if (name.startsWith("js/") && name.endsWith(".js")) {
                links.append(preloadLink(assetsBase + "/" + name));
            }
        }
        vendorModules.forEach(path -> links.append(preloadLink(path)));
        return links.toString().stripTrailing();
    }

    private static String preloadLink(String path) {
        if (!path.matches("[A-Za-z0-9./_-]+")) {
            throw new IllegalStateException("unexpected characters in module path " + path);
        }
        return "<link rel=\"modulepreload\" href=\"" + path + "\">\n  ";
    }

    /** Paths and versions are ours (letters, digits, {@code ./-_}), so they need no JSON escaping; checked anyway. */
    private static String importMapJson(Map<String, String> imports) {
        StringBuilder json = new StringBuilder("{\"imports\":{");
        imports.forEach((name, path) -> {
            if (!(name + path).matches("[A-Za-z0-9./_-]+")) {
                throw new IllegalStateException("unexpected characters in module path " + path);
            }
            json.append(json.charAt(json.length() - 1) == '{' ? "" : ",")
                    .append('"').append(name).append("\":\"").append(path).append('"');
        });
        return json.append("}}").toString();
    }

    /** A hash over the names and contents of our files, except the page, which is never cached for long. */
    private static String versionOf(Map<String, byte[]> files) {
        MessageDigest digest = StaticAsset.Hashes.digest();
        files.forEach((name, bytes) -> {
            if (!name.equals(PAGE)) {
                digest.update(name.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) 0);
                digest.update(bytes);
            }
        });
        return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    }
}
