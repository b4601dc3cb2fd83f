package io.lanchat.server.config;

import static java.util.Objects.requireNonNull;

/**
 * Everything the server is configured with, grouped by concern. Built by {@link ConfigLoader} from flags and
 * environment variables; every part validates itself, so a bad value stops the server at start-up.
 */
public record ServerConfig(NetworkSettings network, OllamaSettings ollama, ChatSettings chat, Limits limits,
                           AccessSettings access, ReplySettings replies, StorageSettings store,
                           ApiSettings api, AttachmentSettings attachments) {
    public ServerConfig {
        requireNonNull(network, "network");
        requireNonNull(ollama, "ollama");
        requireNonNull(chat, "chat");
        requireNonNull(limits, "limits");
        requireNonNull(access, "access");
        requireNonNull(replies, "replies");
        requireNonNull(store, "store");
        requireNonNull(api, "api");
        requireNonNull(attachments, "attachments");
        if (chat.maxSessionChars() < (long) chat.maxMessageChars() + replies.maxReplyChars()) {
            throw new IllegalArgumentException("--max-session-chars (" + chat.maxSessionChars() + ") must hold one"
                    + " whole exchange: --max-message-chars (" + chat.maxMessageChars() + ") plus --max-reply-chars ("
                    + replies.maxReplyChars() + ")");
        }
    }

    /** The defaults, as {@code --help} prints them. */
    public static ServerConfig defaults() {
        return ConfigLoader.load(new String[0], name -> null);
    }
}
