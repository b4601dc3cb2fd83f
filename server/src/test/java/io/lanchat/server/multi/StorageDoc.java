package io.lanchat.server.multi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads docs/storage.md, so the tests run the very configuration it shows administrators. */
final class StorageDoc {
    private static final Path FILE = Path.of("..", "docs", "storage.md");

    private StorageDoc() {
    }

    /** The body of the first fenced block in the given language, e.g. {@code nginx}. */
    static String block(String language) throws IOException {
        Matcher m = Pattern.compile("```" + Pattern.quote(language) + "\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(FILE));
        if (!m.find()) {
            throw new AssertionError(FILE + " has no ```" + language + " block");
        }
        return m.group(1);
    }

    /** {@code text} with {@code from} replaced by {@code to}, which must be there (the doc and the test agree). */
    static String replace(String text, String from, String to) {
        if (!text.contains(from)) {
            throw new AssertionError("docs/storage.md no longer contains '" + from + "'");
        }
        return text.replace(from, to);
    }
}
