package io.lanchat.standin;

/**
 * Measures one chat request so the final chunk carries real, plausible metrics: integer
 * nanoseconds, never zero (Ollama omits zero metrics; we always want the client to see them).
 */
final class Timing {

    private final long received;
    private final long loadStart;
    private final long loadEnd;
    private long firstToken;

    Timing(long received, long loadStart, long loadEnd) {
        this.received = received;
        this.loadStart = loadStart;
        this.loadEnd = loadEnd;
    }

    /** Marks the first token (later calls are ignored); prompt evaluation ends there. */
    void tokenSent() {
        if (firstToken == 0) {
            firstToken = System.nanoTime();
        }
    }

    ChatChunks.Metrics metrics(ChatCall call, int evalCount) {
        long end = System.nanoTime();
        long first = firstToken == 0 ? loadEnd : firstToken;
        return new ChatChunks.Metrics(
                positive(end - received),
                positive(loadEnd - loadStart),
                promptTokens(call),
                positive(first - loadEnd),
                evalCount,
                positive(end - first));
    }

    /** A deterministic token estimate: about 4 characters per token plus template overhead per message. */
    static long promptTokens(ChatCall call) {
        long tokens = 1;
        for (Message m : call.messages()) {
            tokens += 4 + (m.content().length() + 3) / 4;
        }
        return tokens;
    }

    private static long positive(long nanos) {
        return Math.max(1, nanos);
    }
}
