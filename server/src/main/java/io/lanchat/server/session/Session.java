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
 * @param waiting a user message whose reply failed, kept (with its model and options) so the client can retry it;
 *                null if none
 * @param info    whose conversation it is, its title and settings, and the number of its first held turn
 * @param versions the versions of held turns that have more than one (see {@link Branching})
 */
public record Session(String id, String secret, List<Turn> turns, PendingMessage waiting, ConversationInfo info,
                      MessageVersions versions) {
    public Session {
        requireNonNull(id, "id");
        requireNonNull(secret, "secret");
        turns = List.copyOf(turns);
        requireNonNull(info, "info");
        versions = versions == null ? MessageVersions.NONE : versions;
    }

    /** A session none of whose turns has versions. */
    public Session(String id, String secret, List<Turn> turns, PendingMessage waiting, ConversationInfo info) {
        this(id, secret, turns, waiting, info, MessageVersions.NONE);
    }

    /** A session of nobody in particular (tools and tests that do not name owners). */
    public Session(String id, String secret, List<Turn> turns, PendingMessage waiting) {
        this(id, secret, turns, waiting, ConversationInfo.started(ConversationInfo.NOBODY, null, null));
    }

    static Session empty(String id, String secret, ConversationInfo info) {
        return new Session(id, secret, List.of(), null, info);
    }

    /** Whether {@code owner} owns this conversation. */
    public boolean ownedBy(String owner) {
        return info.owner().equals(owner);
    }

    /** The message number the next turn gets. */
    public int nextSeq() {
        return info.firstSeq() + turns.size();
    }

    /** Messages in the whole conversation: older ones only in the store, the held turns, and a pending one. */
    public int messageCount() {
        return nextSeq() + (waiting == null ? 0 : 1);
    }

    /** This session with other conversation details. */
    public Session withInfo(ConversationInfo newInfo) {
        return new Session(id, secret, turns, waiting, newInfo, versions);
    }

    /** The text of the message waiting for a retry, or null. */
    public String pending() {
        return waiting == null ? null : waiting.text();
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
    public Session withPending(PendingMessage message) {
        return new Session(id, secret, turns, message, info, versions);
    }

    /** Like {@link #withPending(PendingMessage)}, for a message to the default model without options. */
    public Session withPending(String text) {
        return withPending(new PendingMessage(text, null, null));
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
        int excess = Math.max(0, next.size() - maxTurns);
        return new Session(id, secret, next.subList(excess, next.size()), null, info.droppedFirst(excess).touched(),
                versions.from(info.firstSeq() + excess));
    }

    /**
     * This session with one message appended that gets no reply (a room member's, not addressed to the model) and
     * nothing pending (a new message replaces a pending one, as a chat does), keeping at most {@code maxTurns}.
     */
    public Session withMessage(Turn message, int maxTurns) {
        List<Turn> next = new ArrayList<>(turns.size() + 1);
        next.addAll(turns);
        next.add(message);
        int excess = Math.max(0, next.size() - maxTurns);
        return new Session(id, secret, next.subList(excess, next.size()), null, info.droppedFirst(excess).touched(),
                versions.from(info.firstSeq() + excess));
    }

    /** Characters this session holds: every turn's text and reasoning, the pending message and the hidden versions. */
    public long chars() {
        long sum = (waiting == null ? 0 : waiting.chars()) + info.chars() + versions.chars();
        for (Turn turn : turns) {
            sum += turn.chars();
        }
        return sum;
    }

    /**
     * This session holding at most {@code maxChars} characters: the oldest turns (with their versions) are dropped
     * first, never the newest question; then hidden versions, oldest message first; then the newest reply's
     * reasoning; if the newest question and its reply are still too long, the reply is cut at the limit.
     */
    public Session trimmedTo(int maxChars) {
        long excess = chars() - maxChars;
        if (excess <= 0 || turns.isEmpty()) {
            return this;
        }
        int newestQuestion = turns.size() - 1;
        while (newestQuestion > 0 && turns.get(newestQuestion).role() != Role.USER) {
            newestQuestion--;
        }
        int first = 0;
        while (excess > 0 && first < newestQuestion) {
            excess -= turns.get(first).chars() + versions.charsAt(info.firstSeq() + first);
            first++;
        }
        while (first < newestQuestion && turns.get(first).role() == Role.ASSISTANT) {
            first++;                    // a reply without its question makes no sense
        }
        List<Turn> kept = new ArrayList<>(turns.subList(first, turns.size()));
        ConversationInfo keptInfo = info.droppedFirst(first);
        MessageVersions keptVersions = versions.from(keptInfo.firstSeq());
        excess = new Session(id, secret, kept, waiting, keptInfo, keptVersions).chars() - maxChars;
        // Hidden versions go before any text shown is cut (the store, when there is one, keeps them).
        while (excess > 0 && !keptVersions.isEmpty()) {
            int oldest = keptVersions.slots().firstKey();
            excess -= keptVersions.charsAt(oldest);
            keptVersions = keptVersions.with(oldest, null);
        }
        Turn newest = kept.get(kept.size() - 1);
        if (excess > 0 && newest.thinking() != null) {
            excess -= newest.thinking().length();          // the reasoning goes before any of the answer
            kept.set(kept.size() - 1, newest.withThinking(null));
        }
        if (excess > 0) {
            Turn last = kept.get(kept.size() - 1);
            int keep = (int) Math.max(0, last.content().length() - excess);
            if (keep > 0 && Character.isHighSurrogate(last.content().charAt(keep - 1))) {
                keep--;                 // never leave half a character
            }
            kept.set(kept.size() - 1, last.withContent(last.content().substring(0, keep)));
        }
        return new Session(id, secret, kept, waiting, keptInfo, keptVersions);
    }
}
