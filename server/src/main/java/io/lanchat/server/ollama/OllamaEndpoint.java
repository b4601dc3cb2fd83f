package io.lanchat.server.ollama;

import java.net.URI;

/**
 * Where one Ollama listens, split into what a raw HTTP client needs.
 *
 * @param uri the base address, e.g. {@code http://127.0.0.1:11434} or {@code https://host/ollama}
 */
public record OllamaEndpoint(URI uri) {

    public String host() {
        String host = uri.getHost();
        // URI keeps IPv6 brackets; sockets want the bare address.
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    public int port() {
        return uri.getPort() > 0 ? uri.getPort() : (isHttps() ? 443 : 80);
    }

    public boolean isHttps() {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    /** The value of the Host header. */
    public String hostHeader() {
        return uri.getHost() + ":" + port();
    }

    /** The request path for an API path such as {@code /api/chat}, keeping any base path. */
    public String path(String apiPath) {
        String base = uri.getRawPath() == null ? "" : uri.getRawPath();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + apiPath;
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
