package io.lanchat.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The page and its files over plain HTTP: types, caching, compression, and nothing else reachable. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class PageServingTest {
    private static final Pattern PAGE_LINKS = Pattern.compile("(?:src|href)=\"(/[^\"]*)\"");
    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);
    private static final Pattern MAP_TARGETS = Pattern.compile("\"(/vendor/[^\"]+)\"");
    private static final Pattern RELATIVE_IMPORTS = Pattern.compile("(?:from|import)\\s*'(\\./[^']+)'");

    private static LiveServer server;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = LiveServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void thePageIsRevalidatedOnEveryLoadAndLocksDownScripts() throws Exception {
        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(header(page, "content-type")).isEqualTo("text/html; charset=utf-8");
        assertThat(header(page, "cache-control")).isEqualTo("no-cache");
        assertThat(header(page, "x-content-type-options")).isEqualTo("nosniff");
        String importMap = match(IMPORT_MAP, page.body());
        String hash = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(importMap.getBytes(StandardCharsets.UTF_8)));
        assertThat(header(page, "content-security-policy"))
                .contains("script-src 'self' 'sha256-" + hash + "';")
                .contains("object-src 'none'").contains("frame-ancestors 'none'");
        assertThat(page.body()).doesNotContain("{{").contains("<meta name=\"viewport\"");
    }

    @Test
    void aMatchingEtagGets304AndAStaleOneTheFile() throws Exception {
        String etag = header(get("/"), "etag");

        HttpResponse<String> same = get("/", "If-None-Match", etag);
        HttpResponse<String> weak = get("/", "If-None-Match", "\"other\", W/" + etag);
        HttpResponse<String> stale = get("/", "If-None-Match", "\"other\"");

        assertThat(same.statusCode()).isEqualTo(304);
        assertThat(same.body()).isEmpty();
        assertThat(header(same, "etag")).isEqualTo(etag);
        assertThat(weak.statusCode()).isEqualTo(304);
        assertThat(stale.statusCode()).isEqualTo(200);
    }

    @Test
    void everyFileThePageLoadsIsServedWithItsTypeAndCachedForGood() throws Exception {
        String page = get("/").body();
        Deque<String> toFetch = new ArrayDeque<>(find(PAGE_LINKS, page));
        toFetch.addAll(find(MAP_TARGETS, match(IMPORT_MAP, page)));
        Set<String> seen = new HashSet<>();

        while (!toFetch.isEmpty()) {
            String path = toFetch.pop();
            if (!seen.add(path)) {
                continue;
            }
            HttpResponse<String> file = get(path);
            assertThat(file.statusCode()).as(path).isEqualTo(200);
            assertThat(header(file, "cache-control")).as(path).isEqualTo("public, max-age=31536000, immutable");
            assertThat(header(file, "etag")).as(path).isNotBlank();
            if (path.endsWith(".js") || path.endsWith(".mjs")) {
                assertThat(header(file, "content-type")).as(path).isEqualTo("text/javascript; charset=utf-8");
                String folder = path.substring(0, path.lastIndexOf('/'));
                find(RELATIVE_IMPORTS, file.body()).forEach(relative -> toFetch.add(folder + relative.substring(1)));
            }
        }

        assertThat(seen).anyMatch(p -> p.matches("/assets/[0-9a-f]{12}/js/main\\.js"))
                .anyMatch(p -> p.matches("/assets/[0-9a-f]{12}/js/connection\\.js"))      // reached through imports
                .anyMatch(p -> p.matches("/assets/[0-9a-f]{12}/app\\.css"))
                .anyMatch(p -> p.matches("/vendor/marked/[^/]+/lib/marked\\.esm\\.js"))
                .anyMatch(p -> p.matches("/vendor/dompurify/[^/]+/dist/purify\\.es\\.mjs"));
    }

    @Test
    void filesAreGzippedOnlyForClientsThatAcceptIt() throws Exception {
        String script = find(MAP_TARGETS, match(IMPORT_MAP, get("/").body())).iterator().next();
        HttpResponse<byte[]> plain = getBytes(script);

        HttpResponse<byte[]> gzipped = getBytes(script, "Accept-Encoding", "br, gzip;q=0.8, deflate");
        HttpResponse<byte[]> refused = getBytes(script, "Accept-Encoding", "gzip;q=0, identity");

        assertThat(plain.headers().firstValue("content-encoding")).isEmpty();
        assertThat(header(gzipped, "content-encoding")).isEqualTo("gzip");
        assertThat(header(gzipped, "vary")).isEqualToIgnoringCase("accept-encoding");
        assertThat(gzipped.body().length).isLessThan(plain.body().length / 2);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertThat(in.readAllBytes()).isEqualTo(plain.body());
        }
        assertThat(header(gzipped, "etag")).isNotEqualTo(header(plain, "etag"));
        assertThat(refused.headers().firstValue("content-encoding")).isEmpty();
    }

    @Test
    void theLibrariesLoadedOnDemandAreServedButNotNamedByThePage() throws Exception {
        String page = get("/").body();
        String version = match(Pattern.compile("/assets/([0-9a-f]{12})/"), page);
        String richText = get("/assets/" + version + "/on-demand/rich-text.js").body();
        Set<String> libraries = find(Pattern.compile("'(/vendor/[^']+)'"), richText);

        assertThat(page).doesNotContain("highlightjs").doesNotContain("katex").doesNotContain("rich-text");
        assertThat(richText).doesNotContain("{{vendor:");
        assertThat(libraries).hasSize(3).anyMatch(p -> p.matches("/vendor/highlightjs/11\\.[0-9.]+/highlight\\.min\\.js"))
                .anyMatch(p -> p.matches("/vendor/katex/0\\.16\\.[0-9]+/dist/katex\\.min\\.js"));
        for (String library : libraries) {
            HttpResponse<byte[]> file = getBytes(library, "Accept-Encoding", "gzip");
            assertThat(file.statusCode()).as(library).isEqualTo(200);
            assertThat(header(file, "content-type")).as(library).startsWith(library.endsWith(".css") ? "text/css" : "text/javascript");
            assertThat(header(file, "content-encoding")).as(library).isEqualTo("gzip");
            assertThat(header(file, "cache-control")).as(library).isEqualTo("public, max-age=31536000, immutable");
        }
        String css = libraries.stream().filter(p -> p.endsWith(".css")).findFirst().orElseThrow();
        Set<String> fonts = find(Pattern.compile("url\\((fonts/[^)]+\\.woff2)\\)"), get(css).body());
        assertThat(fonts).hasSizeGreaterThan(15);
        for (String font : fonts) {
            HttpResponse<byte[]> file = getBytes(css.substring(0, css.lastIndexOf('/') + 1) + font, "Accept-Encoding", "gzip");
            assertThat(file.statusCode()).as(font).isEqualTo(200);
            assertThat(header(file, "content-type")).as(font).isEqualTo("font/woff2");
            assertThat(file.headers().firstValue("content-encoding")).as("%s is compressed already", font).isEmpty();
        }
    }

    @Test
    void nothingOutsideThePageCanBeReached() throws Exception {
        String version = match(Pattern.compile("/assets/([0-9a-f]{12})/"), get("/").body());
        String[] targets = {
            "/../pom.xml", "/assets/../../pom.xml", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd",
            "/assets/" + version + "/../index.html", "/assets/" + version + "/%2e%2e/simplelogger.properties",
            "/assets/" + version + "/..\\..\\simplelogger.properties", "/assets/" + version + "//js/main.js",
            "/assets/0123456789ab/js/main.js", "/web/index.html", "/simplelogger.properties",
            "/io/lanchat/server/ChatServer.class", "/META-INF/MANIFEST.MF",
            "/META-INF/resources/webjars/marked/", "/vendor/marked/", "/assets/" + version + "/", "/nope",
        };

        for (String target : targets) {
            assertThat(RawRequest.statusLine(server.port(), "GET", target)).as(target).isEqualTo("HTTP/1.1 404 Not Found");
        }
        assertThat(RawRequest.statusLine(server.port(), "GET", "/%zz")).isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(RawRequest.statusLine(server.port(), "GET", "/assets/" + version + "/js/main.js"))
                .isEqualTo("HTTP/1.1 200 OK");
    }

    @Test
    void headHasTheHeadersWithoutTheBodyAndPostIsRefused() throws Exception {
        HttpResponse<String> head = http.send(request("/").method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> post = http.send(request("/").POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(Integer.parseInt(header(head, "content-length"))).isEqualTo(get("/").body().getBytes(StandardCharsets.UTF_8).length);
        assertThat(post.statusCode()).isEqualTo(405);
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(server.url()).resolve(path));
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder builder = request(path);
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> getBytes(String path, String... headers) throws Exception {
        HttpRequest.Builder builder = request(path);
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " header"));
    }

    private static String match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as("%s in %s", pattern, text).isTrue();
        return m.group(1);
    }

    private static Set<String> find(Pattern pattern, String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
