package io.lanchat.server.page;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Serves the browser page and its assets from memory (see {@link PageAssets} for the URL layout): gzip when the
 * client accepts it, {@code ETag}/{@code If-None-Match} revalidation, and cache and security headers. Only paths
 * built at start-up exist, so no request can reach any other file.
 */
public final class StaticAssets {
    private final Map<String, StaticAsset> byPath;
    private final String contentSecurityPolicy;

    private StaticAssets(PageAssets.Loaded loaded) {
        this.byPath = loaded.byPath();
        String importMapHash = Base64.getEncoder().encodeToString(
                StaticAsset.Hashes.sha256(loaded.importMap().getBytes(StandardCharsets.UTF_8)));
        // Defence in depth behind the page's sanitizer: no inline script but the import map, no plugins, no
        // framing, and images only from this server (model output must not make browsers fetch other hosts), or
        // blob: URLs the page made itself (attachments, fetched with credentials in a header).
        this.contentSecurityPolicy = "default-src 'self'; script-src 'self' 'sha256-" + importMapHash + "'; "
                + "style-src 'self'; img-src 'self' data: blob:; connect-src 'self' ws: wss:; object-src 'none'; "
                + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    /**
     * Reads every asset from the class path. Call at start-up, never on an event loop.
     *
     * @throws IllegalStateException if the page or one of its WebJars is missing
     */
    public static StaticAssets load() {
        return new StaticAssets(PageAssets.load(StaticAssets.class.getClassLoader()));
    }

    /** Answers a GET or HEAD for {@code path} (already percent-decoded). */
    public FullHttpResponse serve(FullHttpRequest request, String path) {
        StaticAsset asset = isSuspicious(path) ? null : byPath.get(path);
        if (asset == null) {
            FullHttpResponse notFound = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND,
                    Unpooled.copiedBuffer("Not found\n", StandardCharsets.UTF_8));
            notFound.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            notFound.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
            return notFound;
        }
        HttpHeaders requestHeaders = request.headers();
        boolean gzip = asset.gzipped() != null
                && HttpConditions.acceptsGzip(requestHeaders.getAll(HttpHeaderNames.ACCEPT_ENCODING));
        String etag = gzip ? asset.gzipEtag() : asset.etag();
        FullHttpResponse response;
        if (HttpConditions.matchesAny(requestHeaders.getAll(HttpHeaderNames.IF_NONE_MATCH), asset.etag(), asset.gzipEtag())) {
            response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_MODIFIED);
        } else {
            response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(gzip ? asset.gzipped() : asset.identity()));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, asset.contentType());
            if (gzip) {
                response.headers().set(HttpHeaderNames.CONTENT_ENCODING, HttpHeaderValues.GZIP);
            }
        }
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.ETAG, etag)
                .set(HttpHeaderNames.CACHE_CONTROL, asset.cacheControl())
                .set("x-content-type-options", "nosniff")
                .set("referrer-policy", "no-referrer");
        if (asset.gzipped() != null) {
            headers.set(HttpHeaderNames.VARY, HttpHeaderNames.ACCEPT_ENCODING);
        }
        if (asset.contentType().startsWith("text/html")) {
            headers.set("content-security-policy", contentSecurityPolicy);
        }
        return response;
    }

    /** Nothing with these is ever built, so the lookup would miss anyway; refusing them early says so plainly. */
    private static boolean isSuspicious(String path) {
        return !path.startsWith("/") || path.contains("..") || path.contains("\\") || path.contains("//")
                || path.indexOf('\0') >= 0;
    }
}
