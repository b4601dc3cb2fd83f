package io.lanchat.client;

import io.lanchat.protocol.ErrorCode;

/** The client's process exit status, so scripts can tell "try later" from "fix your command". */
public enum ExitCode {
    OK(0, "every reply was printed"),
    USAGE(1, "bad command line: unknown option, missing value, bad URL or model name"),
    SERVER_UNREACHABLE(2, "the LAN Chat server could not be reached (or stayed unreachable after a drop)"),
    OLLAMA_UNAVAILABLE(3, "the server is up but cannot reach Ollama"),
    MODEL_NOT_FOUND(4, "the model is not installed in Ollama"),
    REPLY_FAILED(5, "any other failed reply (Ollama error, busy, timeout, ...), the client was interrupted, or"
            + " another client took the conversation over"),
    CONVERSATION_NOT_FOUND(6, "--conversation names no conversation of yours (it never existed, was deleted, or"
            + " belongs to another owner key or user)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The number the process exits with. */
    public int code() {
        return code;
    }

    /** One line for {@code --help} and the docs. */
    public String meaning() {
        return meaning;
    }

    /** The exit status for a reply that ended with this error code. */
    public static ExitCode forError(ErrorCode error) {
        return switch (error) {
            case OLLAMA_UNAVAILABLE -> OLLAMA_UNAVAILABLE;
            case MODEL_NOT_FOUND -> MODEL_NOT_FOUND;
            default -> REPLY_FAILED;
        };
    }
}
