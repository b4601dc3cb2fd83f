package io.lanchat.server.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;

/**
 * Everything the server is configured with. Built by {@link ConfigLoader} from flags and environment
 * variables, or by tests through {@link #defaults()} and the {@code with...} copies.
 *
 * @param bindAddress        address to listen on
 * @param port               port to listen on; 0 picks a free one (tests)
 * @param ollamaUri          base address of Ollama
 * @param defaultModel       model used when a chat names none
 * @param systemPrompt       system prompt put first in every conversation; empty for none
 * @param maxSessions        most sessions held in memory; the least recently used go first
 * @param sessionIdleExpiry  a session untouched this long is forgotten
 * @param historyBudgetChars most characters of conversation sent to Ollama (older turns are trimmed)
 * @param maxStoredMessages  most messages kept per session
 * @param maxMessageChars    longest chat text accepted
 * @param maxFrameBytes      largest WebSocket message accepted (after reassembling fragments)
 * @param connectTimeout     connecting to Ollama
 * @param firstTokenTimeout  from request to first token: covers queueing and a cold model load
 * @param tokenIdleTimeout   longest silence between two chunks once the reply streams
 * @param probeInterval      how often Ollama is probed while it is up
 * @param probeMaxBackoff    longest wait between probes while it is down
 * @param probeTimeout       how long one probe may take
 */
public record ServerConfig(String bindAddress, int port, URI ollamaUri, String defaultModel, String systemPrompt,
                           int maxSessions, Duration sessionIdleExpiry, int historyBudgetChars,
                           int maxStoredMessages, int maxMessageChars, int maxFrameBytes,
                           Duration connectTimeout, Duration firstTokenTimeout, Duration tokenIdleTimeout,
                           Duration probeInterval, Duration probeMaxBackoff, Duration probeTimeout) {

    public ServerConfig {
        requireNonNull(bindAddress, "bindAddress");
        requireNonNull(ollamaUri, "ollamaUri");
        requireNonNull(defaultModel, "defaultModel");
        requireNonNull(systemPrompt, "systemPrompt");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        positive("maxSessions", maxSessions);
        positive("historyBudgetChars", historyBudgetChars);
        positive("maxStoredMessages", maxStoredMessages);
        positive("maxMessageChars", maxMessageChars);
        if (maxFrameBytes < 1024) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 1024, was " + maxFrameBytes);
        }
        for (Duration d : new Duration[] {sessionIdleExpiry, connectTimeout, firstTokenTimeout, tokenIdleTimeout,
                probeInterval, probeMaxBackoff, probeTimeout}) {
            requireNonNull(d, "duration");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive, got " + d);
            }
        }
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    /** The defaults, as {@code --help} prints them. */
    public static ServerConfig defaults() {
        return ConfigLoader.load(new String[0], name -> null);
    }
}
