package io.lanchat.server.page;

import java.util.Locale;
import java.util.Map;

/** The {@code Content-Type} of a file served to the browser, by its extension. */
final class ContentTypes {
    private static final String FALLBACK = "application/octet-stream";
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            // module scripts are refused unless served with a JavaScript type
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("map", "application/json; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"),
            Map.entry("webmanifest", "application/manifest+json; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("md", "text/plain; charset=utf-8"));

    private ContentTypes() {
    }

    static String forPath(String path) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        if (file.equals("LICENSE")) {
            return BY_EXTENSION.get("txt");
        }
        int dot = file.lastIndexOf('.');
        return dot < 0 ? FALLBACK : BY_EXTENSION.getOrDefault(file.substring(dot + 1).toLowerCase(Locale.ROOT), FALLBACK);
    }
}
