package io.lanchat.server.store;

import static java.util.Objects.requireNonNull;

import io.lanchat.protocol.ReplyStats;
import java.time.Instant;

/**
 * One message of a stored conversation. Messages are numbered from 0 in the order they were written; a message is
 * written again (same {@code seq}) when its state changes, e.g. a pending user message once it is answered.
 *
 * @param seq       its place in the conversation, from 0
 * @param role      {@code user} or {@code assistant}
 * @param content   the text
 * @param state     where it stands
 * @param model     the model that wrote a reply (or that a user message went to); null when not known
 * @param stats     Ollama's figures for a finished reply; null otherwise
 * @param createdAt when it was written
 * @param thinking  the reasoning a thinking model wrote before this reply; null when none
 * @param thinkingMs how long the model thought before this reply; null when it did not think or it is not known
 * @param attachments the images a user message carried (their bytes are in {@link StoredAttachment}s); empty for
 *                    none
 * @param author    the room member who wrote a user message; null for the owner's
 */
public record StoredMessage(int seq, String role, String content, MessageState state, String model,
                            ReplyStats stats, Instant createdAt, String thinking, Long thinkingMs,
                            java.util.List<io.lanchat.protocol.AttachmentInfo> attachments, String author) {

    /** A message by the owner. */
    public StoredMessage(int seq, String role, String content, MessageState state, String model, ReplyStats stats,
                         Instant createdAt, String thinking, Long thinkingMs,
                         java.util.List<io.lanchat.protocol.AttachmentInfo> attachments) {
        this(seq, role, content, state, model, stats, createdAt, thinking, thinkingMs, attachments, null);
    }

    /** A message without attachments. */
    public StoredMessage(int seq, String role, String content, MessageState state, String model, ReplyStats stats,
                         Instant createdAt, String thinking, Long thinkingMs) {
        this(seq, role, content, state, model, stats, createdAt, thinking, thinkingMs, null, null);
    }

    /** A message without its thinking time or attachments. */
    public StoredMessage(int seq, String role, String content, MessageState state, String model, ReplyStats stats,
                         Instant createdAt, String thinking) {
        this(seq, role, content, state, model, stats, createdAt, thinking, null, null, null);
    }

    /** A message without reasoning. */
    public StoredMessage(int seq, String role, String content, MessageState state, String model, ReplyStats stats,
                         Instant createdAt) {
        this(seq, role, content, state, model, stats, createdAt, null);
    }

    public StoredMessage {
        if (seq < 0) {
            throw new IllegalArgumentException("seq must be 0 or more, was " + seq);
        }
        requireNonNull(role, "role");
        requireNonNull(content, "content");
        requireNonNull(state, "state");
        requireNonNull(createdAt, "createdAt");
        thinking = thinking == null || thinking.isEmpty() ? null : thinking;
        attachments = attachments == null ? java.util.List.of() : java.util.List.copyOf(attachments);
    }
}
