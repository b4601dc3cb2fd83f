package io.lanchat.server.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lanchat.protocol.ReplyStats;
import java.time.Instant;
import java.util.List;

/**
 * The JSON text of a hidden version's branch ({@code message_versions.branch}). A branch is read and written only
 * as a whole (shown again, or hidden), so one text column holds it, nested versions included. Lenient on read: a
 * newer server may have stored a field this one does not know.
 */
final class BranchJson {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private BranchJson() {
    }

    /**
     * The wire shape of a message: times as epoch milliseconds, so no time module is needed; {@code thinking} (a
     * reply's reasoning) absent or null when none, as in branches written before thinking models; {@code thinkingMs}
     * likewise, as in branches written before it was kept; {@code author} (a room member's) absent for the owner's.
     */
    record Message(int seq, String role, String content, String state, String model, ReplyStats stats, long at,
                   @JsonInclude(JsonInclude.Include.NON_NULL) String thinking,
                   @JsonInclude(JsonInclude.Include.NON_NULL) Long thinkingMs,
                   @JsonInclude(JsonInclude.Include.NON_NULL) String author) {
    }

    record Version(int seq, int version, Branch branch) {
    }

    record Branch(List<Message> messages, List<Version> versions) {
    }

    static String write(StoredBranch branch) {
        try {
            return MAPPER.writeValueAsString(toJson(branch));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static StoredBranch read(String json) {
        try {
            return fromJson(MAPPER.readValue(json, Branch.class));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new StoreException("a stored message version is not readable: " + e.getMessage(), e);
        }
    }

    private static Branch toJson(StoredBranch b) {
        return new Branch(b.messages().stream().map(m -> new Message(m.seq(), m.role(), m.content(), m.state().name(),
                m.model(), m.stats(), m.createdAt().toEpochMilli(), m.thinking(), m.thinkingMs(), m.author())).toList(),
                b.versions().stream().map(v -> new Version(v.seq(), v.version(),
                        v.branch() == null ? null : toJson(v.branch()))).toList());
    }

    private static StoredBranch fromJson(Branch b) {
        return new StoredBranch(b.messages().stream().map(m -> new StoredMessage(m.seq(), m.role(), m.content(),
                MessageState.valueOf(m.state()), m.model(), m.stats(), Instant.ofEpochMilli(m.at()), m.thinking(),
                m.thinkingMs(), null, m.author()))
                .toList(),
                b.versions() == null ? List.of() : b.versions().stream().map(v -> new StoredVersion(v.seq(),
                        v.version(), v.branch() == null ? null : fromJson(v.branch()))).toList());
    }
}
