package io.lanchat.server.ollama;

/** A complete small HTTP response from Ollama (used for probes and listings, never for chat streams). */
public record HttpReply(int status, String body) {
}
