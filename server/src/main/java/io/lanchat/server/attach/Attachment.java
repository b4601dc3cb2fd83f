package io.lanchat.server.attach;

import static java.util.Objects.requireNonNull;

import io.lanchat.protocol.AttachmentInfo;
import io.lanchat.server.store.StoredAttachment;

/**
 * One accepted attachment as the server holds it: an image already scaled down and re-encoded (PNG or JPEG,
 * without the original's metadata), or a text file checked as UTF-8.
 *
 * @param id        random, unguessable id (base64url, 22 characters)
 * @param owner     who uploaded it: only they may send or see it
 * @param kind      image or text
 * @param name      the file name the client gave (sanitised), for display and for the model
 * @param mediaType {@code image/png}, {@code image/jpeg} or {@code text/plain; charset=utf-8}
 * @param width     pixels of the image as stored; 0 for text
 * @param height    pixels of the image as stored; 0 for text
 * @param data      the bytes as stored and sent
 */
public record Attachment(String id, String owner, AttachmentKind kind, String name, String mediaType, int width,
                         int height, byte[] data) {
    public Attachment {
        requireNonNull(id, "id");
        requireNonNull(owner, "owner");
        requireNonNull(kind, "kind");
        requireNonNull(name, "name");
        requireNonNull(mediaType, "mediaType");
        requireNonNull(data, "data");
    }

    /** As the store keeps it. */
    public StoredAttachment stored() {
        return new StoredAttachment(id, owner, kind.wireName(), name, mediaType, width, height, data);
    }

    /** Back from the store. */
    public static Attachment of(StoredAttachment s) {
        return new Attachment(s.id(), s.owner(), s.kind().equals("text") ? AttachmentKind.TEXT : AttachmentKind.IMAGE,
                s.name(), s.mediaType(), s.width(), s.height(), s.data());
    }

    /** What clients see of it (history, the upload's answer). */
    public AttachmentInfo info() {
        return new AttachmentInfo(id, kind.wireName(), name, kind == AttachmentKind.IMAGE ? width : null,
                kind == AttachmentKind.IMAGE ? height : null, data.length);
    }
}
