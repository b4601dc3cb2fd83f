package io.lanchat.server.attach;

/** File names as clients give them, made safe to show and to put in a prompt: no path, no control characters. */
final class FileNames {
    static final int MAX_LENGTH = 120;

    private FileNames() {
    }

    static String clean(String given, String fallback) {
        if (given == null) {
            return fallback;
        }
        String name = given.substring(Math.max(given.lastIndexOf('/'), given.lastIndexOf('\\')) + 1);
        StringBuilder out = new StringBuilder();
        name.codePoints().filter(c -> !Character.isISOControl(c) && c != '`').limit(MAX_LENGTH)
                .forEach(out::appendCodePoint);
        String cleaned = out.toString().strip();
        return cleaned.isEmpty() || cleaned.equals(".") || cleaned.equals("..") ? fallback : cleaned;
    }

    /** The name ending in what it now is (an image re-encoded as PNG or JPEG). */
    static String withExtension(String name, String extension) {
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        return base + extension;
    }
}
