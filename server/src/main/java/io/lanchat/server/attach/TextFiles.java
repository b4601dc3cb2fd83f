package io.lanchat.server.attach;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/** Checks an uploaded text file: valid UTF-8 (a byte-order mark is dropped) and not binary in disguise. */
final class TextFiles {
    /** The media types accepted as text besides {@code text/*}: what editors and browsers send for source files. */
    private static final Set<String> TEXT_TYPES = Set.of("application/json", "application/xml", "application/x-yaml",
            "application/yaml", "application/javascript", "application/x-sh", "application/sql",
            "application/toml");

    private TextFiles() {
    }

    static boolean isText(String mediaType) {
        return mediaType.startsWith("text/") || TEXT_TYPES.contains(mediaType);
    }

    /** The file's text, or a refusal naming what is wrong with it. */
    static String decode(byte[] bytes) throws AttachmentRefused {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AttachmentRefused(400, "The file is not UTF-8 text. Save it as UTF-8 and attach it again.");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
                throw new AttachmentRefused(400, String.format(Locale.ROOT, "The file has a control character"
                        + " (U+%04X): it looks binary, not text.", (int) c));
            }
        }
        return text;
    }
}
