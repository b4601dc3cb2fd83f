package io.lanchat.server.store;

import static java.util.Objects.requireNonNull;

/**
 * The bytes of an attachment a stored message carried, as the model got them.
 *
 * @param id        the attachment's id
 * @param owner     who uploaded it: only they may fetch it
 * @param kind      {@code image} or {@code text}
 * @param name      its file name
 * @param mediaType {@code image/png}, {@code image/jpeg}, ...
 * @param width     pixels; 0 for text
 * @param height    pixels; 0 for text
 * @param data      the bytes
 */
public record StoredAttachment(String id, String owner, String kind, String name, String mediaType, int width,
                               int height, byte[] data) {
    public StoredAttachment {
        requireNonNull(id, "id");
        requireNonNull(owner, "owner");
        requireNonNull(kind, "kind");
        requireNonNull(name, "name");
        requireNonNull(mediaType, "mediaType");
        requireNonNull(data, "data");
    }
}
