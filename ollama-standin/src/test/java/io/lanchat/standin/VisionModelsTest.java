package io.lanchat.standin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Images as Ollama's docs/api.md "Chat request (with images)" sends them: base64 strings in a message's
 * {@code images}. A model with the {@code vision} capability takes them (the stand-in says what it saw); one
 * without answers 400 with Ollama's own text, {@code this model is missing data required for image input}.
 */
final class VisionModelsTest {
    private final StandInOllama ollama = StandInOllama.start();

    @AfterEach
    void stop() {
        ollama.close();
    }

    @Test
    void aVisionModelSaysWhatImagesItGot() throws Exception {
        ollama.setCapabilities("gemma3:4b", List.of("completion", "vision"), 8192);

        HttpResponse<String> response = Http.post(ollama, "/api/chat", withImages("gemma3:4b", png(40, 30)));

        assertThat(response.statusCode()).isEqualTo(200);
        StringBuilder text = new StringBuilder();
        for (String line : response.body().split("\n")) {
            JsonNode chunk = Http.json(line);
            text.append(chunk.get("message").get("content").asText());
        }
        assertThat(text.toString()).isEqualTo("[1 image: 40x30 png] You said: what is this? (turn 1)");
        JsonNode show = Http.json(Http.post(ollama, "/api/show", "{\"model\":\"gemma3:4b\"}").body());
        assertThat(show.get("capabilities").toString()).contains("\"vision\"");
    }

    @Test
    void aModelWithoutVisionRefusesImagesWithOllamasText() throws Exception {
        ollama.setModels("llama3:8b");

        HttpResponse<String> response = Http.post(ollama, "/api/chat", withImages("llama3:8b", png(4, 4)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response.body()).get("error").asText())
                .isEqualTo("this model is missing data required for image input");
    }

    private static String withImages(String model, String base64) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"what is this?\","
                + "\"images\":[\"" + base64 + "\"]}]}";
    }

    private static String png(int width, int height) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
