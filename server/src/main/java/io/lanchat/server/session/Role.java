package io.lanchat.server.session;

/** Who said a turn, in Ollama's vocabulary. */
public enum Role {
    SYSTEM("system"), USER("user"), ASSISTANT("assistant");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    /** The name Ollama's {@code /api/chat} expects. */
    public String wireName() {
        return wireName;
    }
}
