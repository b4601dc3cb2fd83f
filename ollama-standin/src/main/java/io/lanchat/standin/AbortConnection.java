package io.lanchat.standin;

/**
 * Thrown out of a handler to drop the TCP connection without the terminating chunk: the JDK
 * HttpServer closes the socket of an exchange whose handler throws, which is the only way its API
 * offers to cut a response short (as a crashed or killed Ollama would).
 */
final class AbortConnection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AbortConnection(String reason) {
        super(reason, null, false, false);
    }
}
