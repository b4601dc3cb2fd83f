package io.lanchat.server.chat;

import io.lanchat.server.session.Session;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a chat message goes to Ollama with: the chat's own model and options, on top of the conversation's settings,
 * on top of the server's default model.
 */
final class MessageSettings {
    private MessageSettings() {
    }

    /** The chat's own model, else the conversation's setting, else the server's default. */
    static String model(Session session, String requested, String defaultModel) {
        if (requested != null) {
            return requested;
        }
        String setting = session == null ? null : session.info().settings().model();
        return setting != null ? setting : defaultModel;
    }

    /** The conversation's options with the chat's own on top. */
    static Map<String, Object> options(Session session, Map<String, Object> requested) {
        Map<String, Object> setting = session == null ? null : session.info().settings().options();
        if (setting == null || setting.isEmpty()) {
            return requested;
        }
        Map<String, Object> merged = new LinkedHashMap<>(setting);
        if (requested != null) {
            merged.putAll(requested);
        }
        return merged;
    }
}
