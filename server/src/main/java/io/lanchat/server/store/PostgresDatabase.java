package io.lanchat.server.store;

import java.sql.DriverManager;
import java.util.Properties;

/**
 * A PostgreSQL server from a {@code jdbc:postgresql://} URL (user and password in the URL or in the properties).
 * Connecting and each socket read get a timeout unless the URL sets its own, so a server that vanishes costs a
 * lane seconds, not forever.
 */
final class PostgresDatabase {
    static final String PREFIX = "jdbc:postgresql:";
    private static final int CONNECT_TIMEOUT_SECONDS = 5;

    private PostgresDatabase() {
    }

    static ConnectionFactory connections(String url, Properties properties, StoreSettings settings) {
        String full = withDefaults(url, settings);
        Properties copy = new Properties();
        copy.putAll(properties);
        return () -> DriverManager.getConnection(full, copy);
    }

    /** The URL with connectTimeout and socketTimeout added when absent. */
    static String withDefaults(String url, StoreSettings settings) {
        // Longer than a statement's timeout, so a slow query is cancelled by its timeout before the socket gives up.
        int socketTimeout = settings.queryTimeoutSeconds() * 3;
        String out = url;
        if (!url.contains("connectTimeout=")) {
            out = param(out, "connectTimeout=" + CONNECT_TIMEOUT_SECONDS);
        }
        if (!url.contains("socketTimeout=")) {
            out = param(out, "socketTimeout=" + socketTimeout);
        }
        return out;
    }

    /** The URL without its password, for logs. */
    static String redacted(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("//[^/@]*:[^/@]*@", "//***@");
    }

    private static String param(String url, String param) {
        return url + (url.contains("?") ? "&" : "?") + param;
    }
}
