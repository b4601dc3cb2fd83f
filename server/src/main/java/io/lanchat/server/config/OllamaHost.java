package io.lanchat.server.config;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Parses an {@code OLLAMA_HOST} value with the rules of Ollama's own Python and JS clients:
 * empty means {@code http://127.0.0.1:11434}; no scheme means http and port 11434; an explicit
 * {@code http://} without a port means 80, {@code https://} means 443; {@code :PORT} means 127.0.0.1;
 * a path is kept without its trailing slash; a bare IPv6 address gets brackets.
 */
public final class OllamaHost {
    public static final String DEFAULT = "http://127.0.0.1:11434";
    private static final int DEFAULT_PORT = 11434;

    private OllamaHost() {
    }

    /**
     * @throws IllegalArgumentException with a readable message when the value cannot be an address
     */
    public static URI parse(String raw) {
        String value = raw == null ? "" : raw.strip();
        value = stripQuotes(value).strip();
        if (value.isEmpty()) {
            return URI.create(DEFAULT);
        }
        String scheme = "http";
        int defaultPort = DEFAULT_PORT;
        int schemeEnd = value.indexOf("://");
        if (schemeEnd >= 0) {
            scheme = value.substring(0, schemeEnd).toLowerCase(java.util.Locale.ROOT);
            value = value.substring(schemeEnd + 3);
            if (scheme.equals("http")) {
                defaultPort = 80;
            } else if (scheme.equals("https")) {
                defaultPort = 443;
            } else {
                throw new IllegalArgumentException("OLLAMA_HOST scheme must be http or https, not " + scheme);
            }
        }
        String path = "";
        int slash = value.indexOf('/');
        if (slash >= 0) {
            path = value.substring(slash).replaceAll("/+$", "");
            value = value.substring(0, slash);
        }
        String host;
        String portText = null;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("OLLAMA_HOST has an unclosed IPv6 bracket: " + raw);
            }
            host = value.substring(0, close + 1);
            if (value.length() > close + 1 && value.charAt(close + 1) == ':') {
                portText = value.substring(close + 2);
            }
        } else if (value.chars().filter(c -> c == ':').count() > 1) {
            host = "[" + value + "]";        // a bare IPv6 address
        } else {
            int colon = value.indexOf(':');
            host = colon >= 0 ? value.substring(0, colon) : value;
            portText = colon >= 0 ? value.substring(colon + 1) : null;
        }
        if (host.isEmpty()) {
            host = "127.0.0.1";
        }
        int port = portText == null || portText.isEmpty() ? defaultPort : parsePort(portText, raw);
        try {
            return new URI(scheme + "://" + host + ":" + port + path);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("OLLAMA_HOST is not a valid address: " + raw, e);
        }
    }

    private static int parsePort(String text, String raw) {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("OLLAMA_HOST port must be 1..65535: " + raw);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("OLLAMA_HOST port is not a number: " + raw, e);
        }
    }

    private static String stripQuotes(String value) {
        if (value.length() >= 2) {
            char first = value.charAt(0);
            char last = value.charAt(value.length() - 1);
            if ((first == '"' || first == '\'') && first == last) {
                return value.substring(1, value.length() - 1);
            }
        }
        return value;
    }
}
