package io.lanchat.server.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.standin.StandInOllama;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite variant of a failing store, end to end: the data directory on a 2 MB tmpfs that another file fills
 * (a read-only file cannot stop root, whom tests run as). A long reply cannot be saved: the person still gets it,
 * is told once, {@code /healthz} shows the store failing, and once there is room the reply is written. Skipped
 * where mounting is not permitted.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
final class FullDiskChatTest {
    @TempDir
    Path temp;
    private Path mount;
    private boolean mounted;

    @BeforeEach
    void mountSmallFileSystem() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        mount = Files.createDirectory(temp.resolve("small"));
        assumeTrue(command("mount", "-t", "tmpfs", "-o", "size=2m,mode=0755", "tmpfs", mount.toString()) == 0,
                "cannot mount a tmpfs here (no CAP_SYS_ADMIN?)");
        mounted = true;
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            command("umount", "-l", mount.toString());
        }
    }

    @Test
    void aReplyThatDoesNotFitIsDeliveredToldOnceAndSavedWhenThereIsRoom() throws Exception {
        Path data = mount.resolve("data");
        String chunk = "z".repeat(1_000);
        String conversation;
        try (StandInOllama ollama = StandInOllama.start()) {
            ollama.setModels("llama3:8b");
            ollama.setTokenDelay(Duration.ZERO);
            ollama.setReply(call -> call.lastUserContent().startsWith("long")
                    ? Collections.nCopies(300, chunk) : List.of("ok"));
            try (InProcessServer server = InProcessServer.start(ollama, "--data-dir", data.toString(),
                    "--max-reply-chars", "400000", "--max-session-chars", "1000000");
                 WsUser user = server.connect(null)) {
                conversation = user.hello.sessionId();
                List<ServerMessage> frames = new ArrayList<>();
                chat(user, "a", "short one", frames);
                // The first exchange is written before the disk fills, else its failure (or a later success
                // squeezed into the WAL's free pages) would make a second notice legitimate.
                InProcessServer.await(() -> messagesStored(data) == 2, "the first exchange stored",
                        Duration.ofSeconds(10));
                Path filler = fill(mount.resolve("filler"));

                chat(user, "b", "long one, please", frames);
                chat(user, "c", "long two, please", frames);
                frames.addAll(user.drain(Duration.ofMillis(500)));
                JsonNode failing = server.storeHealth();
                Files.delete(filler);
                Duration recovered = InProcessServer.await(() -> healthOk(server), "store ok once there is room",
                        Duration.ofSeconds(20));
                System.out.println("FullDiskChatTest: ok again " + recovered.toMillis() + " ms after the room came");

                assertThat(frames).filteredOn(ReplyDone.class::isInstance).as("every reply arrives").hasSize(3);
                assertThat(frames).filteredOn(f -> f instanceof ErrorMessage e && e.code() == ErrorCode.NOT_SAVED)
                        .as("told once: %s", frames).hasSize(1);
                assertThat(failing.path("ok").asBoolean()).as("%s", failing).isFalse();
                assertThat(failing.path("lastError").asText()).containsIgnoringCase("full");
            }
        }
        StoredRows rows = StoredRows.readSqlite(data.resolve("lanchat.db"));
        assertThat(rows.integrity()).isEqualTo("ok");
        assertThat(rows.messages().get(conversation)).extracting(StoredRows.Row::content).containsExactly(
                "short one", "ok", "long one, please", chunk.repeat(300), "long two, please", chunk.repeat(300));
    }

    private static void chat(WsUser user, String id, String text, List<ServerMessage> seen) throws Exception {
        user.send(new ChatRequest(id, text));
        while (true) {
            ServerMessage frame = user.await(f -> true, "a frame answering " + id, WsUser.WAIT);
            seen.add(frame);
            if (frame instanceof ReplyDone d && id.equals(d.id())
                    || frame instanceof ErrorMessage e && id.equals(e.id())) {
                return;
            }
        }
    }

    private static long messagesStored(Path data) {
        try {
            return StoredRows.countMessagesLive(data.resolve("lanchat.db"));
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    private static boolean healthOk(InProcessServer server) {
        try {
            return server.storeHealth().path("ok").asBoolean();
        } catch (Exception e) {
            return false;
        }
    }

    /** Writes to the file until the file system has no room left. */
    private static Path fill(Path file) throws IOException {
        byte[] block = "0123456789abcdef".repeat(1024).getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 10_000; i++) {
                out.write(block);
                out.flush();
            }
        } catch (IOException noSpace) {
            return file;
        }
        throw new IllegalStateException("a 2 MB file system took 160 MB");
    }

    private static int command(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
