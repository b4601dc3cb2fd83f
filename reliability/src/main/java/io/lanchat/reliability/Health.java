package io.lanchat.reliability;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a number from the server's {@code /healthz} body (e.g. {@code "sessions":123}); -1 when absent. */
final class Health {
    private Health() {
    }

    static long field(String body, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":(\\d+)").matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
