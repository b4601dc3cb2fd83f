package io.lanchat.server.usage;

/** The two ways in, as the {@code door} of a usage row and label. */
public final class UsageDoors {
    /** The chat page's WebSocket. */
    public static final String PAGE = "page";
    /** The API port (Ollama's and OpenAI's APIs). */
    public static final String API = "api";

    private UsageDoors() {
    }
}
