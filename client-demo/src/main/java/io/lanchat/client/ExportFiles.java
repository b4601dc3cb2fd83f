package io.lanchat.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The files of {@code /export} and {@code /import}: which format a name asks for, and reading and writing them. */
final class ExportFiles {
    /** Larger than any export a server would accept back; a bigger file is surely not one. */
    static final long MAX_IMPORT_BYTES = 16L << 20;

    private ExportFiles() {
    }

    /** A path as typed: {@code ~/} means the home directory, as in a shell. */
    static Path path(String typed) {
        String text = typed.strip();
        if (text.equals("~") || text.startsWith("~/")) {
            return Path.of(System.getProperty("user.home"), text.substring(1).replaceFirst("^/", ""));
        }
        return Path.of(text);
    }

    /**
     * The export format a file name asks for.
     *
     * @return {@code markdown} for .md/.markdown, {@code json} for .json
     * @throws UsageException for any other name
     */
    static String formatOf(Path file) throws UsageException {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".md") || name.endsWith(".markdown")) {
            return "markdown";
        }
        if (name.endsWith(".json")) {
            return "json";
        }
        throw new UsageException("the file name says the format: end it in .md (Markdown) or .json (JSON,"
                + " which /import reads back)");
    }

    /** Writes an export whole or not at all, so a failure never leaves half a file where the old one was. */
    static void write(Path file, String content) throws IOException {
        AtomicFile.write(file, content.getBytes(StandardCharsets.UTF_8), false);
    }

    /** Reads a JSON export to import; the server checks what is in it. */
    static String read(Path file) throws IOException {
        if (Files.size(file) > MAX_IMPORT_BYTES) {
            throw new IOException("it is larger than " + (MAX_IMPORT_BYTES >> 20) + " MB, too large for an export");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
