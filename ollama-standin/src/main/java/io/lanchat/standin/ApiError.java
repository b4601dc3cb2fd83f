package io.lanchat.standin;

/** An error answered before any response byte: an HTTP status plus Ollama's {@code {"error":...}} text. */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
