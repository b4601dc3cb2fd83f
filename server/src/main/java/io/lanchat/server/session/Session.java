package io.lanchat.server.session;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * One user's conversation: immutable, replaced as a whole in {@link SessionStore}.
 *
 * @param id      the unguessable session id
 * @param secret  the resume secret: with the id, it lets a reconnecting client take the session back
 * @param turns   user and assistant turns, oldest first (the system prompt is not stored here)
 * @param pending a user message whose reply failed, kept so the client can retry it; null if none
 */
public record Session(String id, String secret, List<Turn> turns, String pending) {
    public Session {
        requireNonNull(id, "id");
        requireNonNull(secret, "secret");
        turns = List.copyOf(turns);
    }

    static Session empty(String id, String secret) {
        return new Session(id, secret, List.of(), null);
    }

    /** Whether {@code candidate} is this session's secret, compared in constant time. */
    public boolean secretMatches(String candidate) {
        return java.security.MessageDigest.isEqual(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                candidate.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Session[" + id + ", " + turns.size() + " turns]";     // never print the secret
    }

    /** This session with a message waiting for its reply (replacing any earlier pending one). */
    public Session withPending(String text) {
        return new Session(id, secret, turns, text);
    }

    /**
     * This session with a finished exchange appended and nothing pending, keeping at most
     * {@code maxTurns} turns (oldest dropped first).
     */
    public Session withExchange(Turn user, Turn reply, int maxTurns) {
        List<Turn> next = new ArrayList<>(turns.size() + 2);
        next.addAll(turns);
        next.add(user);
        next.add(reply);
        int excess = next.size() - maxTurns;
        return new Session(id, secret, excess > 0 ? next.subList(excess, next.size()) : next, null);
    }

    /** This session with no history and nothing pending. */
    public Session cleared() {
        return empty(id, secret);
    }
}
