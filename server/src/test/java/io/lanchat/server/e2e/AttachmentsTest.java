package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ConversationOpened;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.OpenConversationRequest;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.TokenDelta;
import io.lanchat.server.access.OwnerKeys;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Attachments end to end: uploaded over HTTP on the page's port with the owner key, named by a chat, and seen by
 * the stand-in's vision model scaled down; refused clearly for a model without vision, for another owner's id,
 * and beyond the upload limit (413, read to the end, never a reset).
 */
@Timeout(60)
final class AttachmentsTest {
    private static final String VISION = "gemma3:4b";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private ServerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = ServerFixture.start("--max-image-edge", "512", "--max-attachment-bytes", "200000");
        fixture.ollama.setCapabilities(VISION, List.of("completion", "vision"), 8192);
        ServerFixture.await(() -> fixture.server.backends().state().models().stream()
                .anyMatch(m -> m.name().startsWith("gemma3") && m.capabilities() != null
                        && m.capabilities().contains("vision")), "the vision model with its capabilities");
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void anImageReachesAVisionModelScaledDownAndStaysInTheHistory() throws Exception {
        String key = OwnerKeys.newKey();
        JsonNode uploaded = JSON.readTree(upload(key, "image/png", "holiday.png", png(2000, 1000)).body());
        assertThat(uploaded.get("kind").asText()).isEqualTo("image");
        assertThat(uploaded.get("width").asInt()).isEqualTo(512);
        assertThat(uploaded.get("height").asInt()).isEqualTo(256);
        String id = uploaded.get("id").asText();

        try (TestClient client = fixture.connectAsOwner(key)) {
            client.send(new ChatRequest("c1", "what is this?", VISION, null, null, List.of(id)));
            List<ServerMessage> reply = client.until(ReplyDone.class);

            assertThat(text(reply)).startsWith("[1 image: 512x256 png] You said: what is this?");
            client.send(new OpenConversationRequest("o", client.hello.sessionId(), null, null));
            HistoryMessage question = client.awaitFrame(ConversationOpened.class).history().get(0);
            assertThat(question.attachments()).singleElement().satisfies(a -> {
                assertThat(a.id()).isEqualTo(id);
                assertThat(a.name()).isEqualTo("holiday.png");
                assertThat(a.width()).isEqualTo(512);
            });
        }
        HttpResponse<byte[]> served = http.send(HttpRequest.newBuilder(url("/attachments/" + id))
                .header("X-Owner-Key", key).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("content-type")).hasValue("image/png");
        assertThat(served.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(served.body())).getWidth()).isEqualTo(512);
        HttpResponse<String> stranger = http.send(HttpRequest.newBuilder(url("/attachments/" + id))
                .header("X-Owner-Key", OwnerKeys.newKey()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stranger.statusCode()).isEqualTo(404);

        try (TestClient client = fixture.connectAsOwner(key)) {
            client.send(new io.lanchat.protocol.DeleteConversationRequest("d", conversationOf(client, key)));
            client.awaitFrame(io.lanchat.protocol.ConversationDeleted.class);
        }
        assertThat(http.send(HttpRequest.newBuilder(url("/attachments/" + id)).header("X-Owner-Key", key).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("gone from memory with its conversation")
                .isEqualTo(404);
    }

    private String conversationOf(TestClient client, String key) throws Exception {
        client.send(new io.lanchat.protocol.ListConversationsRequest("l", null, null));
        return client.awaitFrame(io.lanchat.protocol.ConversationList.class).conversations().get(0).id();
    }

    @Test
    void aModelWithoutVisionIsRefusedNamingTheModelsThatSee() throws Exception {
        String key = OwnerKeys.newKey();
        String id = JSON.readTree(upload(key, "image/png", "a.png", png(20, 20)).body()).get("id").asText();

        try (TestClient client = fixture.connectAsOwner(key)) {
            client.send(new ChatRequest("c1", "what is this?", "llama3:8b", null, null, List.of(id)));
            ErrorMessage error = client.awaitFrame(ErrorMessage.class);

            assertThat(error.code()).isEqualTo(ErrorCode.VISION_NOT_SUPPORTED);
            assertThat(error.message()).contains("llama3:8b cannot see images").contains(VISION);
            assertThat(fixture.ollama.chatCalls()).as("nothing reached Ollama").isEmpty();

            client.send(new ChatRequest("c2", "what is this?", VISION, null, null, List.of(id)));
            assertThat(text(client.until(ReplyDone.class))).as("the same id works with a vision model")
                    .startsWith("[1 image: 20x20 png]");
        }
    }

    @Test
    void anotherOwnersAttachmentIsRefused() throws Exception {
        String id = JSON.readTree(upload(OwnerKeys.newKey(), "image/png", "a.png", png(20, 20)).body())
                .get("id").asText();

        try (TestClient client = fixture.connectAsOwner(OwnerKeys.newKey())) {
            client.send(new ChatRequest("c1", "what is this?", VISION, null, null, List.of(id)));
            ErrorMessage error = client.awaitFrame(ErrorMessage.class);

            assertThat(error.code()).isEqualTo(ErrorCode.ATTACHMENT_NOT_FOUND);
            assertThat(error.message()).contains(id).contains("Attach the file again");
        }
    }

    @Test
    void aTextFileReachesTheModelWithItsName() throws Exception {
        String key = OwnerKeys.newKey();
        String id = JSON.readTree(upload(key, "text/markdown", "notes.md",
                "# Plan\nship it\n".getBytes(StandardCharsets.UTF_8)).body()).get("id").asText();

        try (TestClient client = fixture.connectAsOwner(key)) {
            client.send(new ChatRequest("c1", "summarise", "llama3:8b", null, null, List.of(id)));
            client.until(ReplyDone.class);
        }

        String sent = fixture.ollama.chatCalls().get(0).lastUserContent();
        assertThat(sent).isEqualTo("summarise\n\nnotes.md:\n```\n# Plan\nship it\n```");
    }

    @Test
    void imagesStayWithTheirConversationAcrossARestartAndGoWithIt() throws Exception {
        java.nio.file.Path data = java.nio.file.Files.createTempDirectory("lanchat-attach");
        fixture.close();
        String key = OwnerKeys.newKey();
        String id;
        String conversation;
        fixture = ServerFixture.start("--data-dir", data.toString());
        fixture.ollama.setCapabilities(VISION, List.of("completion", "vision"), 8192);
        ServerFixture.await(() -> fixture.server.backends().state().models().stream().anyMatch(m ->
                m.capabilities() != null && m.capabilities().contains("vision")), "the vision model");
        id = JSON.readTree(upload(key, "image/png", "cat.png", png(64, 48)).body()).get("id").asText();
        try (TestClient client = fixture.connectAsOwner(key)) {
            conversation = client.hello.sessionId();
            client.send(new ChatRequest("c1", "what is this?", VISION, null, null, List.of(id)));
            client.until(ReplyDone.class);
        }
        fixture.close();

        fixture = ServerFixture.start("--data-dir", data.toString());
        try (TestClient client = fixture.connectAsOwner(key)) {
            client.send(new OpenConversationRequest("o", conversation, null, null));
            HistoryMessage question = client.awaitFrame(ConversationOpened.class).history().get(0);
            assertThat(question.attachments()).extracting(a -> a.id()).containsExactly(id);
            client.send(new io.lanchat.protocol.ExportConversationRequest("e", conversation, "json"));
            String exported = client.awaitFrame(io.lanchat.protocol.ConversationExport.class).content();
            assertThat(JSON.readTree(exported).get("messages").get(0).get("attachments").get(0).get("id").asText())
                    .as("the export names the image").isEqualTo(id);
        }
        HttpResponse<byte[]> served = http.send(HttpRequest.newBuilder(url("/attachments/" + id))
                .header("X-Owner-Key", key).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.statusCode()).as("read back from the database").isEqualTo(200);
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(served.body())).getWidth()).isEqualTo(64);

        try (TestClient client = fixture.connectAsOwner(key)) {
            client.send(new io.lanchat.protocol.DeleteConversationRequest("d", conversation));
            client.awaitFrame(io.lanchat.protocol.ConversationDeleted.class);
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:"
                + data.resolve("lanchat.db"));
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM attachments")) {
            assertThat(rs.getInt(1)).as("the conversation's images went with it").isZero();
        }
        assertThat(http.send(HttpRequest.newBuilder(url("/attachments/" + id)).header("X-Owner-Key", key).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    @Test
    void aMessageWhoseReplyFailedIsRetriedWithItsImageAfterARestart() throws Exception {
        java.nio.file.Path data = java.nio.file.Files.createTempDirectory("lanchat-attach");
        fixture.close();
        String key = OwnerKeys.newKey();
        String conversation;
        fixture = ServerFixture.start("--data-dir", data.toString());
        String id = JSON.readTree(upload(key, "image/png", "cat.png", png(64, 48)).body()).get("id").asText();
        try (TestClient client = fixture.connectAsOwner(key)) {
            conversation = client.hello.sessionId();
            fixture.ollama.stop();
            fixture.awaitOllama(false);
            client.send(new ChatRequest("c1", "what is this?", VISION, null, null, List.of(id)));
            assertThat(client.awaitFrame(ErrorMessage.class).code()).as("not a vision refusal: Ollama is down")
                    .isEqualTo(ErrorCode.OLLAMA_UNAVAILABLE);
        }
        fixture.close();

        fixture = ServerFixture.start("--data-dir", data.toString());
        fixture.ollama.setCapabilities(VISION, List.of("completion", "vision"), 8192);
        ServerFixture.await(() -> fixture.server.backends().state().models().stream().anyMatch(m ->
                m.capabilities() != null && m.capabilities().contains("vision")), "the vision model");
        try (TestClient client = fixture.connectAsOwner(key)) {
            client.send(new OpenConversationRequest("o", conversation, null, null));
            assertThat(client.awaitFrame(ConversationOpened.class).pending()).isEqualTo("what is this?");
            client.send(new io.lanchat.protocol.RetryRequest("r1", null));

            assertThat(text(client.until(ReplyDone.class))).as("the image read back from the database")
                    .startsWith("[1 image: 64x48 png]");
        }
    }

    @Test
    void uploadsAreRefusedClearly() throws Exception {
        String key = OwnerKeys.newKey();

        HttpResponse<String> tooLarge = upload(key, "image/png", "big.png", new byte[300_000]);
        HttpResponse<String> noKey = http.send(HttpRequest.newBuilder(url("/attachments"))
                .header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(png(4, 4))).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> notImage = upload(key, "image/png", "x.png", "hello".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> binary = upload(key, "application/zip", "x.zip", new byte[10]);

        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(tooLarge.body()).get("error").asText()).contains("200000 bytes");
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(notImage.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notImage.body()).get("error").asText()).contains("not an image");
        assertThat(binary.statusCode()).isEqualTo(415);
    }

    @Test
    void uploadsAreCheckedLikeTheWebSocket() throws Exception {
        fixture.close();
        fixture = ServerFixture.start("--access-tokens", "alice:s3cret-s3cret-s3cret,bob:other-other-other-1");
        byte[] image = png(8, 8);

        HttpResponse<String> none = post("/attachments", image, "Content-Type", "image/png");
        HttpResponse<String> wrong = post("/attachments", image, "Content-Type", "image/png",
                "Authorization", "Bearer nope");
        HttpResponse<String> bearer = post("/attachments", image, "Content-Type", "image/png",
                "Authorization", "Bearer s3cret-s3cret-s3cret");
        HttpResponse<String> query = post("/attachments?access_token=s3cret-s3cret-s3cret", image, "Content-Type", "image/png");
        HttpResponse<String> foreign = post("/attachments", image, "Content-Type", "image/png",
                "Authorization", "Bearer s3cret-s3cret-s3cret", "Origin", "http://evil.example");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(bearer.statusCode()).isEqualTo(200);
        assertThat(query.statusCode()).isEqualTo(200);
        assertThat(foreign.statusCode()).isEqualTo(403);
        String id = JSON.readTree(bearer.body()).get("id").asText();
        assertThat(http.send(HttpRequest.newBuilder(url("/attachments/" + id)).header("Authorization", "Bearer other-other-other-1")
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).as("bob's token").isEqualTo(404);
        assertThat(http.send(HttpRequest.newBuilder(url("/attachments/" + id)).header("Authorization",
                "Bearer s3cret-s3cret-s3cret").build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> post(String path, byte[] body, String... headers) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).headers(headers)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> upload(String ownerKey, String type, String name, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(url("/attachments?name=" + name)).header("Content-Type", type)
                .header("X-Owner-Key", ownerKey).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + fixture.port() + path);
    }

    private static String text(List<ServerMessage> frames) {
        return frames.stream().filter(f -> f instanceof TokenDelta).map(f -> ((TokenDelta) f).text())
                .collect(Collectors.joining());
    }

    private static byte[] png(int width, int height) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
        return out.toByteArray();
    }
}
