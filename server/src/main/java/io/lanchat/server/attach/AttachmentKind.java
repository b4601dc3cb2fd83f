package io.lanchat.server.attach;

import java.util.Locale;

/** What an attachment is: an image for a vision model, or a text file that joins the message's text. */
public enum AttachmentKind {
    IMAGE, TEXT;

    /** The wire form: {@code image} or {@code text}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
