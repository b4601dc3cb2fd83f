package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An attachment as the server describes it: in the answer to {@code POST /attachments} and in a message's history.
 *
 * @param id     what a chat's {@code attachments} names; also {@code GET /attachments/ID} serves it
 * @param kind   {@code image} or {@code text}
 * @param name   the file name given at upload
 * @param width  pixels, as the model gets it (after scaling down); absent for text
 * @param height pixels, as the model gets it; absent for text
 * @param bytes  its size as stored (after scaling down and re-encoding)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttachmentInfo(String id, String kind, String name, Integer width, Integer height, long bytes) {
    public AttachmentInfo {
        requireNonNull(id, "id");
        requireNonNull(kind, "kind");
        requireNonNull(name, "name");
    }
}
