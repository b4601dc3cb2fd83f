package io.lanchat.server.session;

import io.lanchat.protocol.AttachmentInfo;
import java.util.List;
import static java.util.Objects.requireNonNull;

import io.lanchat.protocol.ReplyStats;
import java.time.Instant;

/**
 * One message of a conversation.
 *
 * @param role        who said it
 * @param content     what was said
 * @param cancelled   true for an assistant reply the user stopped part-way
 * @param model       the model that wrote a reply, or that a user message went to; null when not known
 * @param stats       Ollama's figures for a finished reply; null otherwise
 * @param interrupted true for a reply cut off because the server stopped while writing it
 * @param at          when it was written; null when not known
 * @param thinking    the reasoning a thinking model wrote before this reply; null when none. Kept for the user
 *                    (history, resume, export), never sent back to Ollama
 * @param thinkingMs  how long the model thought before this reply; null when it did not think or it is not known
 * @param attachments the images a user message carried; empty for none
 * @param author      the room member who wrote a user message; null for the owner's (and outside rooms). The
 *                    model reads it as "author: content"
 */
public record Turn(Role role, String content, boolean cancelled, String model, ReplyStats stats,
                   boolean interrupted, Instant at, String thinking, Long thinkingMs,
                   List<AttachmentInfo> attachments, String author) {
    public Turn {
        requireNonNull(role, "role");
        requireNonNull(content, "content");
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public Turn(Role role, String content, boolean cancelled, String model, ReplyStats stats, boolean interrupted,
                Instant at, String thinking, Long thinkingMs, List<AttachmentInfo> attachments) {
        this(role, content, cancelled, model, stats, interrupted, at, thinking, thinkingMs, attachments, null);
    }

    public Turn(Role role, String content, boolean cancelled, String model, ReplyStats stats, boolean interrupted,
                Instant at, String thinking, Long thinkingMs) {
        this(role, content, cancelled, model, stats, interrupted, at, thinking, thinkingMs, null);
    }

    public Turn(Role role, String content, boolean cancelled, String model, ReplyStats stats, boolean interrupted,
                Instant at, String thinking) {
        this(role, content, cancelled, model, stats, interrupted, at, thinking, null, null);
    }

    public Turn(Role role, String content, boolean cancelled, String model, ReplyStats stats, boolean interrupted,
                Instant at) {
        this(role, content, cancelled, model, stats, interrupted, at, null);
    }

    public Turn(Role role, String content, boolean cancelled) {
        this(role, content, cancelled, null, null, false, null, null);
    }

    public static Turn user(String content) {
        return new Turn(Role.USER, content, false);
    }

    public static Turn assistant(String content) {
        return new Turn(Role.ASSISTANT, content, false);
    }

    public static Turn cancelledAssistant(String partial) {
        return new Turn(Role.ASSISTANT, partial, true);
    }

    /** A user message sent to {@code model} at {@code at}. */
    public static Turn user(String content, String model, Instant at) {
        return new Turn(Role.USER, content, false, model, null, false, at);
    }

    /** A reply by {@code model}: finished ({@code stats} as Ollama reported them) or stopped by the user. */
    public static Turn reply(String content, boolean cancelled, String model, ReplyStats stats, Instant at) {
        return new Turn(Role.ASSISTANT, content, cancelled, model, stats, false, at);
    }

    /** This turn with its text cut to {@code content}. */
    Turn withContent(String content) {
        return new Turn(role, content, cancelled, model, stats, interrupted, at,
                thinking, thinkingMs, attachments, author);
    }

    /** This turn with the reasoning that came before it (null for none). */
    public Turn withThinking(String reasoning) {
        return new Turn(role, content, cancelled, model, stats, interrupted, at,
                reasoning, thinkingMs, attachments, author);
    }

    /** This turn with the time its model thought before it (null for none). */
    public Turn withThinkingMs(Long millis) {
        return new Turn(role, content, cancelled, model, stats, interrupted, at,
                thinking, millis, attachments, author);
    }

    /** This turn with the images it carried. */
    public Turn withAttachments(List<AttachmentInfo> carried) {
        return new Turn(role, content, cancelled, model, stats, interrupted, at,
                thinking, thinkingMs, carried, author);
    }

    /** This turn written by the room member {@code name} (null: the owner). */
    public Turn withAuthor(String name) {
        return new Turn(role, content, cancelled, model, stats, interrupted, at,
                thinking, thinkingMs, attachments, name);
    }

    /** The text as the model reads it: a room member's message under its author's name, so it knows who said what. */
    public String spoken() {
        return author == null ? content : author + ": " + content;
    }

    /** Characters held: the text and the reasoning (for the weight of sessions). */
    public long chars() {
        return content.length() + (thinking == null ? 0 : thinking.length()) + (author == null ? 0 : author.length());
    }
}
