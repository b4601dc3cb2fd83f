package io.lanchat.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The interactive chat's {@code /image FILE} and {@code /attach FILE}: uploads the file to the server's
 * {@code POST /attachments} (with the same token or owner key as the WebSocket) and sends it with the next message.
 * Not thread-safe: owned by the session's thread (the upload blocks it for at most {@link #TIMEOUT}).
 */
final class AttachCommand {
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConsoleRenderer ui;
    private final URI websocket;
    private final Credentials credentials;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<String> ids = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    AttachCommand(ConsoleRenderer ui, URI websocket, Credentials credentials) {
        this.ui = ui;
        this.websocket = websocket;
        this.credentials = credentials;
    }

    /** Runs {@code /image} or {@code /attach}; false for any other command. */
    boolean run(String name, String argument) {
        if (!name.equals("/image") && !name.equals("/attach")) {
            return false;
        }
        if (argument.isEmpty()) {
            ui.info(names.isEmpty() ? "Nothing attached. Use " + name + " FILE." : "Attached to your next message: "
                    + String.join(", ", names) + ".");
            return true;
        }
        Path file = Path.of(argument);
        try {
            byte[] body = Files.readAllBytes(file);
            HttpRequest.Builder request = HttpRequest.newBuilder(uploadUri(file.getFileName().toString()))
                    .timeout(TIMEOUT).header("Content-Type", mediaType(file))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (credentials.accessToken() != null) {
                request.header("Authorization", "Bearer " + credentials.accessToken());
            } else if (credentials.ownerKey() != null) {
                request.header("X-Owner-Key", credentials.ownerKey());
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                ui.info("Could not attach " + file.getFileName() + ": " + answer.path("error").asText(response.body()));
                return true;
            }
            ids.add(answer.get("id").asText());
            String shown = answer.get("name").asText() + (answer.has("width") ? " (" + answer.get("width").asInt()
                    + "x" + answer.get("height").asInt() + ")" : "");
            names.add(shown);
            ui.info("Attached " + shown + "; it goes with your next message.");
        } catch (IOException e) {
            ui.info("Could not attach " + argument + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    /** The ids for the message being sent now; the list starts empty again. */
    List<String> take() {
        List<String> taken = List.copyOf(ids);
        ids.clear();
        names.clear();
        return taken;
    }

    private URI uploadUri(String fileName) {
        String scheme = websocket.getScheme().equalsIgnoreCase("wss") ? "https" : "http";
        return URI.create(scheme + "://" + websocket.getRawAuthority() + "/attachments?name="
                + URLEncoder.encode(fileName, StandardCharsets.UTF_8));
    }

    static String mediaType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String extension = name.substring(name.lastIndexOf('.') + 1);
        return switch (extension) {
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "webp" -> "image/webp";
            case "gif" -> "image/gif";
            case "bmp" -> "image/bmp";
            case "json" -> "application/json";
            default -> "text/plain";
        };
    }
}
