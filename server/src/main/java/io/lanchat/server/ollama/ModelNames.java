package io.lanchat.server.ollama;

import java.util.Locale;

/** Ollama's model-name matching: case-insensitive, and a name without a tag means {@code :latest}. */
public final class ModelNames {
    private ModelNames() {
    }

    public static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int slash = lower.lastIndexOf('/');
        return lower.indexOf(':', slash + 1) >= 0 ? lower : lower + ":latest";
    }

    public static boolean same(String a, String b) {
        return normalize(a).equals(normalize(b));
    }
}
