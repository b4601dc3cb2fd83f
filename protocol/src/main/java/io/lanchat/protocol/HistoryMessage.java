package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One message of a conversation, as {@link Resumed} restores it.
 *
 * @param role      {@code user} or {@code assistant}
 * @param content   the text
 * @param cancelled   true for an assistant reply that was stopped part-way
 * @param model       the model that wrote an assistant reply; null for user messages or when not known
 * @param interrupted true for an assistant reply cut off because the server stopped (a crash or a kill) while
 *                    writing it: what it had saved so far
 * @param thinking    the reasoning a thinking model wrote before this assistant reply; null when none (it is shown
 *                    to the user, never sent back to the model)
 * @param seq         its number in the conversation, from 0: what {@code edit} and {@code switch_version} name;
 *                    null from servers before message versions
 * @param versions    which of the message's versions this is, when it has two or more; null when it has one
 * @param thinkingMs  how long the model thought before this assistant reply (its {@code done.timing.thinkingMs});
 *                    null when it did not think, or for replies saved by servers before this field
 * @param attachments the images a user message carried (fetch them with {@code GET /attachments/ID}); absent
 *                    when none
 * @param author      in a room, the member who wrote a user message (the name they joined with); null for the
 *                    owner's messages and everywhere outside rooms
 */
public record HistoryMessage(String role, String content, boolean cancelled, String model, boolean interrupted,
                             String thinking, Integer seq, VersionInfo versions, Long thinkingMs,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) List<AttachmentInfo> attachments,
                             String author) {
    public HistoryMessage {
        requireNonNull(role, "role");
        requireNonNull(content, "content");
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** The text as a transcript shows it: a room member's under its author's name ("Ana: text"). */
    public String attributed() {
        return author == null ? content : author + ": " + content;
    }

    /** A message by the owner (or outside rooms). */
    public HistoryMessage(String role, String content, boolean cancelled, String model, boolean interrupted,
                          String thinking, Integer seq, VersionInfo versions, Long thinkingMs,
                          List<AttachmentInfo> attachments) {
        this(role, content, cancelled, model, interrupted, thinking, seq, versions, thinkingMs, attachments, null);
    }

    /** A room member's message, as it is shown when it is sent. */
    public static HistoryMessage byMember(String author, String content) {
        return new HistoryMessage("user", content, false, null, false, null, null, null, null, null, author);
    }

    /** A message without attachments. */
    public HistoryMessage(String role, String content, boolean cancelled, String model, boolean interrupted,
                          String thinking, Integer seq, VersionInfo versions, Long thinkingMs) {
        this(role, content, cancelled, model, interrupted, thinking, seq, versions, thinkingMs, null);
    }

    /** A message without its thinking time or attachments, as servers before them sent it. */
    public HistoryMessage(String role, String content, boolean cancelled, String model, boolean interrupted,
                          String thinking, Integer seq, VersionInfo versions) {
        this(role, content, cancelled, model, interrupted, thinking, seq, versions, null, null);
    }

    /** A message without reasoning, number or versions. */
    public HistoryMessage(String role, String content, boolean cancelled, String model, boolean interrupted) {
        this(role, content, cancelled, model, interrupted, null, null, null, null, null);
    }

    /** A message with reasoning but without its number or versions, as servers before message versions sent it. */
    public HistoryMessage(String role, String content, boolean cancelled, String model, boolean interrupted,
                          String thinking) {
        this(role, content, cancelled, model, interrupted, thinking, null, null, null, null);
    }

    /** A message with its number and versions but without reasoning, as servers before thinking models sent it. */
    public HistoryMessage(String role, String content, boolean cancelled, String model, boolean interrupted,
                          Integer seq, VersionInfo versions) {
        this(role, content, cancelled, model, interrupted, null, seq, versions, null, null);
    }

    /** A message without model or interruption, as servers before durable conversations sent it. */
    public HistoryMessage(String role, String content, boolean cancelled) {
        this(role, content, cancelled, null, false, null, null, null, null, null);
    }
}
