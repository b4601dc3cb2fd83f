package io.lanchat.standin;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a {@code /api/chat} body into a {@link ChatCall}, rejecting what Ollama's decoder rejects
 * with the same 400 texts; unknown fields are ignored.
 */
final class ChatRequestParser {

    /** Go's {@code time.ParseDuration} grammar (a bare {@code 0} is allowed too). */
    private static final Pattern GO_DURATION =
            Pattern.compile("[-+]?(0|((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+)");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private ChatRequestParser() {
    }

    /** A parsed request: the call plus whether {@code keep_alive} asks to unload at once. */
    record ParsedChat(ChatCall call, boolean keepAliveZero) {
    }

    static ParsedChat parse(byte[] body) {
        JsonNode root = JsonBodies.object(body, "api.ChatRequest");
        String model = JsonBodies.string(root, "model", "ChatRequest.model");
        List<Message> messages = messages(root.get("messages"));
        JsonNode stream = root.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            throw JsonBodies.typeError(stream, "ChatRequest.stream", "bool");
        }
        JsonNode options = root.get("options");
        Map<String, Object> optionMap = Map.of();
        if (options != null && !options.isNull()) {
            if (!options.isObject()) {
                throw JsonBodies.typeError(options, "ChatRequest.options", "map[string]interface {}");
            }
            optionMap = GoJson.MAPPER.convertValue(options, MAP);
        }
        boolean unload = keepAliveZero(root.get("keep_alive"));
        boolean streaming = stream == null || stream.isNull() || stream.booleanValue();
        ChatCall call = new ChatCall(model, messages, streaming, optionMap,
                new String(body, StandardCharsets.UTF_8));
        return new ParsedChat(call, unload);
    }

    private static List<Message> messages(JsonNode node) {
        List<Message> messages = new ArrayList<>();
        if (node == null || node.isNull()) {
            return messages;
        }
        if (!node.isArray()) {
            throw JsonBodies.typeError(node, "ChatRequest.messages", "[]api.Message");
        }
        for (JsonNode item : node) {
            if (item.isNull()) {
                messages.add(new Message("", ""));
                continue;
            }
            if (!item.isObject()) {
                throw JsonBodies.typeError(item, "ChatRequest.messages", "api.Message");
            }
            // Ollama lower-cases roles on input ("User" becomes "user")
            String role = JsonBodies.string(item, "role", "ChatRequest.messages.role").toLowerCase(Locale.ROOT);
            String content = JsonBodies.string(item, "content", "ChatRequest.messages.content");
            messages.add(new Message(role, content));
        }
        return messages;
    }

    /** keep_alive is seconds (number) or a Go duration string; true when it means "unload now". */
    private static boolean keepAliveZero(JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (node.isNumber()) {
            return node.asDouble() == 0;
        }
        if (!node.isTextual()) {
            throw JsonBodies.typeError(node, "ChatRequest.keep_alive", "api.Duration");
        }
        String text = node.textValue();
        if (!GO_DURATION.matcher(text).matches()) {
            boolean missingUnit = text.matches("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)");
            throw new ApiError(400, "time: " + (missingUnit ? "missing unit in" : "invalid")
                    + " duration \"" + text + "\"");
        }
        return !text.matches(".*[1-9].*");
    }
}
