package io.lanchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /image} and {@code /attach} against the real server and the stand-in: the file is uploaded with the
 * client's owner key and goes with the next message; a model without vision gets the server's clear error.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class LiveAttachmentsInteractiveTest {
    @TempDir
    Path dir;
    private LiveServer live;

    @BeforeEach
    void start() throws InterruptedException {
        live = LiveServer.start("--database", "none");
        live.ollama.setCapabilities("gemma3:4b", List.of("completion", "vision"), 8192);
        LiveServer.await(() -> live.server().backends().state().models().stream().anyMatch(m ->
                m.capabilities() != null && m.capabilities().contains("vision")), "the vision model learned");
    }

    @AfterEach
    void stop() {
        live.close();
    }

    @Test
    void anImageAndATextFileGoWithTheNextMessage() throws Exception {
        Path image = dir.resolve("cat.png");
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", image.toFile());
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "buy milk\n");
        try (InteractiveHarness chat = connect()) {
            chat.type("/model llama3:8b");
            chat.type("/image " + image);
            assertThat(chat.awaitOut("it goes with your next message.")).contains("Attached cat.png (40x30)");
            chat.type("what is this?");
            assertThat(chat.awaitOut("Pick one and send again.")).contains("llama3:8b cannot see images. Models here"
                    + " that can: gemma3:4b.");

            chat.type("/model gemma3:4b");
            chat.type("/image " + image);
            chat.type("/attach " + notes);
            chat.awaitOut("Attached notes.txt;");
            chat.type("what is this?");

            assertThat(chat.awaitOut("(turn 1)")).contains("[1 image: 40x30 png] You said: what is this?");
            assertThat(live.ollama.chatCalls().get(live.ollama.chatCalls().size() - 1).lastUserContent())
                    .isEqualTo("what is this?\n\nnotes.txt:\n```\nbuy milk\n```");
        }
    }

    private InteractiveHarness connect() throws InterruptedException {
        InteractiveHarness harness = new InteractiveHarness(new ClientOptions(URI.create(live.url()), null, null, 1,
                false, false, dir.resolve("owner-key"), null, null, null));
        harness.awaitOut("/help lists the commands.");
        return harness;
    }
}
