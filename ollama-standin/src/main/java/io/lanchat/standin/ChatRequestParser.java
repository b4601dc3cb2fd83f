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

    /**
     * A parsed request: the call, whether {@code keep_alive} asks to unload at once, and whether {@code truncate} is
     * false (Ollama v0.12.6 and later then refuse a prompt longer than the context instead of cutting it).
     */
    record ParsedChat(ChatCall call, boolean keepAliveZero, boolean refuseOverlong) {
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
                new String(body, StandardCharsets.UTF_8), think(root.get("think")));
        return new ParsedChat(call, unload, truncateFalse(root.get("truncate")));
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
            String thinking = JsonBodies.string(item, "thinking", "ChatRequest.messages.thinking");
            messages.add(new Message(role, content, thinking, images(item.get("images"))));
        }
        return messages;
    }

    /** A message's {@code images}: base64 strings, as Ollama's {@code []api.ImageData} reads them. */
    private static List<String> images(JsonNode node) {
        List<String> images = new ArrayList<>();
        if (node == null || node.isNull()) {
            return images;
        }
        if (!node.isArray()) {
            throw JsonBodies.typeError(node, "ChatRequest.messages.images", "[]api.ImageData");
        }
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw JsonBodies.typeError(item, "ChatRequest.messages.images", "api.ImageData");
            }
            images.add(item.asText());
        }
        return images;
    }

    /**
     * {@code think}: a bool, or one of the level names, as Ollama's {@code api.ThinkValue} reads it (with its
     * error texts); {@code max} is accepted too, as since v0.22.0.
     */
    private static Object think(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (!node.isTextual()) {
            throw new ApiError(400, "think must be a boolean or string (\"high\", \"medium\", \"low\", true, or false)");
        }
        String level = node.textValue();
        if (!List.of("high", "medium", "low", "max").contains(level)) {
            throw new ApiError(400, "invalid think value: \"" + level
                    + "\" (must be \"high\", \"medium\", \"low\", true, or false)");
        }
        return level;
    }

    /** {@code truncate} is a {@code *bool} in Ollama's ChatRequest: absent or null means true. */
    private static boolean truncateFalse(JsonNode node) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw JsonBodies.typeError(node, "ChatRequest.truncate", "bool");
        }
        return !node.booleanValue();
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
