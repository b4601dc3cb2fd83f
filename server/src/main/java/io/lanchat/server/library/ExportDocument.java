package io.lanchat.server.library;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lanchat.protocol.ConversationSettings;
import io.lanchat.protocol.ReplyStats;
import java.util.List;

/**
 * A conversation as a JSON export: what {@code export} writes and {@code import} reads. Versioned, so a later server
 * still reads what this one wrote.
 *
 * @param format    always {@value #FORMAT}
 * @param version   always {@value #VERSION}
 * @param title     the conversation's title
 * @param createdAt when it was created (ISO-8601)
 * @param updatedAt when it last changed (ISO-8601)
 * @param settings  its model, system prompt and options
 * @param messages  every message, oldest first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ExportDocument(String format, int version, String title, String createdAt, String updatedAt,
                      ConversationSettings settings, List<Message> messages) {
    static final String FORMAT = "lanchat-conversation";
    static final int VERSION = 1;

    /**
     * One message.
     *
     * @param role      {@code user} or {@code assistant}
     * @param content   the text
     * @param state     {@code complete}, {@code pending}, {@code cancelled} or {@code interrupted}
     * @param model     the model that wrote a reply
     * @param createdAt when it was written (ISO-8601)
     * @param stats     Ollama's figures for a finished reply
     * @param thinking  the reasoning a thinking model wrote before this reply; absent when none
     * @param versions  when the message has two or more versions: which is this one, and the others with their
     *                  branches; import reads the branch shown only and ignores this
     * @param attachments the images a user message carried, by reference ({@code GET /attachments/ID} serves them
     *                  to their owner), not their bytes: an export stays small; absent when none, ignored by import
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Message(String role, String content, String state, String model, String createdAt, ReplyStats stats,
                   String thinking, Versions versions,
                   @JsonInclude(JsonInclude.Include.NON_EMPTY) List<io.lanchat.protocol.AttachmentInfo> attachments,
                   @JsonInclude(JsonInclude.Include.NON_NULL) String author) {
        Message(String role, String content, String state, String model, String createdAt, ReplyStats stats,
                String thinking, Versions versions, List<io.lanchat.protocol.AttachmentInfo> attachments) {
            this(role, content, state, model, createdAt, stats, thinking, versions, attachments, null);
        }

        Message(String role, String content, String state, String model, String createdAt, ReplyStats stats,
                String thinking) {
            this(role, content, state, model, createdAt, stats, thinking, null, null, null);
        }

        Message(String role, String content, String state, String model, String createdAt, ReplyStats stats,
                String thinking, Versions versions) {
            this(role, content, state, model, createdAt, stats, thinking, versions, null, null);
        }
    }

    /**
     * The versions of a message.
     *
     * @param index  the number of the version this message is (the one shown), from 1
     * @param count  how many versions it has
     * @param others the other versions, in version order
     */
    record Versions(int index, int count, List<Branch> others) {
    }

    /**
     * A version not shown, with the messages that followed it in its branch.
     *
     * @param version  its number
     * @param messages that version and the rest of its branch, oldest first (these may carry versions in turn)
     */
    record Branch(int version, List<Message> messages) {
    }
}
