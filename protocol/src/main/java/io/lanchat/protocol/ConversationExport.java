package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

/**
 * Answers {@code export}: the conversation as a document.
 *
 * @param id             the id of the request
 * @param conversationId the conversation
 * @param format         {@code markdown} or {@code json}
 * @param filename       a file name to save it under (the title, made safe, and the format's extension)
 * @param content        the document; a {@code json} one can be sent back with {@code import}
 */
public record ConversationExport(String id, String conversationId, String format, String filename, String content)
        implements ServerMessage {
    public ConversationExport {
        requireNonNull(conversationId, "conversationId");
        requireNonNull(format, "format");
        requireNonNull(filename, "filename");
        requireNonNull(content, "content");
    }
}
