package io.lanchat.protocol;

import static java.util.Objects.requireNonNull;

/**
 * Where a reply stands before its first token: waiting in the server's queue (with its place and an estimate),
 * waiting for Ollama to load the model, thinking (a thinking model reasons before it answers), or generating the
 * answer. Sent whenever it changes; {@code generating} follows {@code thinking} just before the answer's first
 * {@code token} frame.
 *
 * @param id       the id of the chat or retry request
 * @param phase    {@code queued}, {@code loading}, {@code thinking} or {@code generating}
 * @param position for {@code queued}: 1 when this request is next
 * @param ahead    for {@code queued}: how many requests will be served before this one
 * @param etaMs    for {@code queued}: estimated wait until generation starts, from recently measured replies;
 *                 null while the server has no measurement yet
 */
public record ReplyPhase(String id, Phase phase, Integer position, Integer ahead, Long etaMs) implements ServerMessage {

    /**
     * The phases, in the order a reply goes through them ({@code loading} is skipped when the model is resident,
     * {@code thinking} when the model does not think).
     */
    public enum Phase {
        QUEUED, LOADING, THINKING, GENERATING,
        /** A phase this client version does not know (a newer server): treat it as waiting. */
        @com.fasterxml.jackson.annotation.JsonEnumDefaultValue
        UNKNOWN;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ReplyPhase {
        requireNonNull(phase, "phase");
    }

    public static ReplyPhase queued(String id, int position, Long etaMs) {
        return new ReplyPhase(id, Phase.QUEUED, position, position - 1, etaMs);
    }

    public static ReplyPhase of(String id, Phase phase) {
        return new ReplyPhase(id, phase, null, null, null);
    }
}
