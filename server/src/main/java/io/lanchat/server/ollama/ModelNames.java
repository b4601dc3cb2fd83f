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

    /**
     * Whether the name is one Ollama forwards to ollama.com: a tag of {@code cloud} or ending in {@code -cloud}
     * ({@code gpt-oss:120b-cloud}, {@code kimi-k2:cloud}).
     */
    public static boolean isCloud(String name) {
        String normalized = normalize(name);
        String tag = normalized.substring(normalized.lastIndexOf(':') + 1);
        return tag.equals("cloud") || tag.endsWith("-cloud");
    }

    public static boolean same(String a, String b) {
        return normalize(a).equals(normalize(b));
    }
}
