package io.lanchat.server.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class TextAttachmentsTest {
    @Test
    void acceptsUtf8AndDropsAByteOrderMark() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "naïve\tcsv,1\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] both = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, both, 0, bom.length);
        System.arraycopy(text, 0, both, bom.length, text.length);

        assertThat(TextFiles.decode(both)).isEqualTo("naïve\tcsv,1\r\n");
    }

    @Test
    void refusesLatin1AndBinary() {
        assertThatThrownBy(() -> TextFiles.decode(new byte[] {'c', 'a', 'f', (byte) 0xE9}))
                .isInstanceOf(AttachmentRefused.class).hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> TextFiles.decode(new byte[] {'P', 'K', 3, 4}))
                .isInstanceOf(AttachmentRefused.class).hasMessageContaining("U+0003");
    }

    @Test
    void theFenceIsLongerThanAnyRunOfBackticksInTheFile() {
        StringBuilder message = new StringBuilder("look");

        MessageAttachments.appendFile(message, "README.md", "run:\n````\nx\n````");

        assertThat(message.toString()).isEqualTo("look\n\nREADME.md:\n`````\nrun:\n````\nx\n````\n`````");
    }

    @Test
    void fileNamesLoseTheirPathAndControlCharacters() {
        assertThat(FileNames.clean("C:\\Users\\me\\notes.md", "x")).isEqualTo("notes.md");
        assertThat(FileNames.clean("../../etc/pass\nwd`", "x")).isEqualTo("passwd");
        assertThat(FileNames.clean("..", "attachment.txt")).isEqualTo("attachment.txt");
        assertThat(FileNames.withExtension("photo.HEIC.webp", ".jpg")).isEqualTo("photo.HEIC.jpg");
    }
}
