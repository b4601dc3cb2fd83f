package io.lanchat.protocol;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Machine-readable error codes; see {@code protocol/README.md} for what a client should do with each. */
public enum ErrorCode {
    /** The frame was not valid JSON or a field was missing or of the wrong type. */
    BAD_REQUEST,
    /** The frame's {@code type} is not one this server knows. */
    UNKNOWN_TYPE,
    /** The chat text is longer than the server accepts. */
    MESSAGE_TOO_LONG,
    /** Too many messages too fast; the message says how long to wait. Retryable after that. */
    RATE_LIMITED,
    /** The session to resume is unknown, expired, or the secret is wrong; the connection keeps its new session. */
    RESUME_FAILED,
    /** A reply is already streaming in this session; wait for it or cancel it. */
    REPLY_IN_PROGRESS,
    /** Cancel was sent but no reply is streaming. */
    NOTHING_TO_CANCEL,
    /** Retry was sent but no failed message is waiting. */
    NOTHING_TO_RETRY,
    /** Ollama cannot be reached. Retryable. */
    OLLAMA_UNAVAILABLE,
    /** The requested model is not installed. Retryable with another model. */
    MODEL_NOT_FOUND,
    /** The server's queue is full; the message says roughly how long to wait. Retryable. */
    SERVER_BUSY,
    /** Ollama is overloaded (HTTP 503). Retryable. */
    OLLAMA_BUSY,
    /** Ollama took too long for the first token or stalled between tokens. Retryable. */
    OLLAMA_TIMEOUT,
    /** Ollama reported an error or broke off the reply. Retryable. */
    OLLAMA_ERROR,
    /** The server is shutting down and starts no new replies; reconnect and retry once it is back. */
    SERVER_SHUTTING_DOWN,
    /** The request needs administrator rights (an admin access token, or a server started with --allow-pull). */
    FORBIDDEN,
    /** Pulling a model failed; the message carries Ollama's reason. */
    PULL_FAILED,
    /**
     * No conversation of yours has that id: it never existed, was deleted, or belongs to someone else (the answer
     * is the same for all three).
     */
    NOT_FOUND,
    /**
     * The server could not save your conversation just now (its store is failing). Chatting goes on; the server
     * saves it once the store is back.
     */
    NOT_SAVED,
    /**
     * The new message alone is longer than the model's context: Ollama refused it even with every older turn left
     * out. The message is kept; shorten it, or {@code retry} with a model that has a longer context.
     */
    CONTEXT_TOO_SMALL,
    /**
     * This connection views a shared conversation, read-only: it cannot chat, stop, edit or reach other
     * conversations. Not retryable on this connection.
     */
    READ_ONLY,
    /**
     * A chat named an attachment that is not here: never uploaded by this user, someone else's, or dropped (unsent
     * for an hour, or the server restarted). The message's text is kept for a retry; attach the file again.
     */
    ATTACHMENT_NOT_FOUND,
    /**
     * A chat carried images to a model that cannot see them; the message names the installed models that can. The
     * message's text is kept: send it again with one of those (or without the images).
     */
    VISION_NOT_SUPPORTED,
    /** An unexpected server fault. Retryable. */
    INTERNAL_ERROR,
    /** A code this client version does not know (a newer server). */
    @JsonEnumDefaultValue
    UNKNOWN;

    /** The wire form: lower case, e.g. {@code model_not_found}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
