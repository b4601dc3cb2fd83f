package io.lanchat.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lanchat.protocol.ReplyStats;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON text columns: a conversation's options and a reply's stats. */
final class JsonColumns {
    // Lenient on read: a newer server may have stored a field this one does not know.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final TypeReference<LinkedHashMap<String, Object>> OPTIONS = new TypeReference<>() {
    };

    private JsonColumns() {
    }

    static String options(Map<String, Object> options) {
        return write(options == null ? Map.of() : options);
    }

    static Map<String, Object> options(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return MAPPER.readValue(json, OPTIONS);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored options are not JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String stats(ReplyStats stats) {
        return stats == null ? null : write(stats);
    }

    /** A message's attachments as JSON; null for none. */
    static String attachments(java.util.List<io.lanchat.protocol.AttachmentInfo> attachments) {
        return attachments.isEmpty() ? null : write(attachments);
    }

    static java.util.List<io.lanchat.protocol.AttachmentInfo> attachments(String json, boolean unused) {
        if (json == null || json.isBlank()) {
            return java.util.List.of();
        }
        try {
            return java.util.List.of(MAPPER.readValue(json, io.lanchat.protocol.AttachmentInfo[].class));
        } catch (JsonProcessingException e) {
            throw new StoreException("stored attachments are not JSON: " + e.getOriginalMessage(), e);
        }
    }

    static ReplyStats stats(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readValue(json, ReplyStats.class);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored stats are not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
