package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The first frame on every connection.
 *
 * @param sessionId       this connection's session id (unguessable, 128 bits or more)
 * @param resumeSecret    with the session id, lets a reconnecting client {@code resume} this session; keep it
 *                        private (128 bits or more); null from a server that cannot resume
 * @param protocolVersion {@link ProtocolVersion#CURRENT}
 * @param server          server name and version, for logs
 * @param ollama          whether Ollama is reachable now
 * @param models          installed models (empty when Ollama is unavailable)
 * @param defaultModel    the model used when a chat names none
 * @param maxMessageChars the longest chat text the server accepts
 * @param ownerKey        a new owner key, when the client presented none (or one not well-formed): keep it and
 *                        present it on every later connection ({@code ?owner_key=}), it is what your conversations
 *                        belong to; null when the client presented one or the server uses access tokens
 * @param store           where conversations are kept: {@code sqlite}, {@code postgresql}, or {@code none} (in memory
 *                        only: they are lost when the server restarts); null from an older server
 * @param optionRanges    the Ollama options this server accepts and their ranges; null from an older server
 */
public record Hello(String sessionId, String resumeSecret, int protocolVersion, String server, OllamaStatus ollama,
                    List<ModelInfo> models, String defaultModel, int maxMessageChars, String ownerKey, String store,
                    List<OptionLimit> optionRanges)
        implements ServerMessage {
    public Hello {
        requireNonNull(sessionId, "sessionId");
        requireNonNull(ollama, "ollama");
        models = models == null ? List.of() : List.copyOf(models);
        requireNonNull(defaultModel, "defaultModel");
        optionRanges = optionRanges == null ? null : List.copyOf(optionRanges);
    }

    /** A hello without option ranges, as servers before they were sent wrote it. */
    public Hello(String sessionId, String resumeSecret, int protocolVersion, String server, OllamaStatus ollama,
                 List<ModelInfo> models, String defaultModel, int maxMessageChars, String ownerKey, String store) {
        this(sessionId, resumeSecret, protocolVersion, server, ollama, models, defaultModel, maxMessageChars, ownerKey,
                store, null);
    }

    /** A hello without owner key and store, as servers before durable conversations sent it. */
    public Hello(String sessionId, String resumeSecret, int protocolVersion, String server, OllamaStatus ollama,
                 List<ModelInfo> models, String defaultModel, int maxMessageChars) {
        this(sessionId, resumeSecret, protocolVersion, server, ollama, models, defaultModel, maxMessageChars, null,
                null, null);
    }
}
