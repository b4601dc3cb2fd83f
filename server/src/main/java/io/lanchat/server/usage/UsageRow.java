package io.lanchat.server.usage;

/**
 * One user's use of one model through one door, as the usage endpoint shows it.
 *
 * @param user  the access token's user, else the client's address; {@code (other)} past the table's cap
 * @param door  {@code page} (the WebSocket chat) or {@code api} (the API port)
 */
public record UsageRow(String user, String model, String door, long requests, long promptTokens,
                       long generatedTokens, double queueWaitSeconds, double generationSeconds) {
}
