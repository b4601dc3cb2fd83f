package io.lanchat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The owner key: issued by the server, saved owner-only, presented on every later connection, never printed. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
final class OwnerKeyTest {
    @TempDir
    Path dir;
    private FakeConversationServer server;

    @BeforeEach
    void start() throws InterruptedException {
        server = new FakeConversationServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anIssuedKeyIsSavedOwnerOnlyAndPresentedOnTheNextConnect() throws Exception {
        Path file = dir.resolve("home").resolve(".lanchat").resolve("owner-key");
        ClientOptions options = new ClientOptions(URI.create(server.url()), null, null, 1, false, false, file, null,
                null, null);
        String key;
        try (InteractiveHarness chat = new InteractiveHarness(options)) {
            chat.awaitOut("* Your new owner key was saved in " + file);
            key = Files.readString(file).strip();
            assertThat(key).startsWith("KEY_");
            assertThat(chat.out() + chat.err()).doesNotContain(key);
            assertThat(server.handshakes().get(0).uri()).isEqualTo("/ws");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");

        try (InteractiveHarness chat = new InteractiveHarness(options)) {
            chat.awaitOut("/help lists the commands.");

            assertThat(server.handshakes().get(1).uri()).isEqualTo("/ws?owner_key=" + key);
            assertThat(chat.out()).doesNotContain("saved");
        }
        assertThat(Files.readString(file).strip()).isEqualTo(key);
    }

    @Test
    void scriptModeKeepsTheKeyQuietlyAndSendsItOnTheNextRun() throws Exception {
        Path file = dir.resolve("owner-key");
        Map<String, String> env = Map.of(ClientOptions.OWNER_KEY_FILE_ENV, file.toString());

        ClientRun first = ClientRun.of("hi\n", env, "--url", server.url());
        ClientRun second = ClientRun.of("again\n", env, "--url", server.url());

        assertThat(first.exit()).isZero();
        assertThat(first.err()).isEmpty();      // scripts rely on a quiet stderr when all is well
        String key = Files.readString(file).strip();
        assertThat(second.out()).isEqualTo("echo: again" + System.lineSeparator());
        assertThat(server.handshakes()).extracting(ScriptedServer.Handshake::uri)
                .containsExactly("/ws", "/ws?owner_key=" + key);
    }

    @Test
    void withAnAccessTokenNoOwnerKeyIsSentOrSaved() throws Exception {
        Path file = dir.resolve("owner-key");
        Files.writeString(file, "file-key\n");

        ClientRun run = ClientRun.of("hi\n", Map.of(ClientOptions.OWNER_KEY_FILE_ENV, file.toString(),
                ClientOptions.ACCESS_TOKEN_ENV, "token-of-alice-123"), "--url", server.url());

        assertThat(run.exit()).isZero();
        assertThat(server.handshakes()).containsExactly(
                new ScriptedServer.Handshake("/ws", "Bearer token-of-alice-123"));
        assertThat(Files.readString(file)).isEqualTo("file-key\n");
    }

    @Test
    void aKeyTheServerRefusesIsReplacedForThisRunOnlyAndTheFileLeftAlone() throws Exception {
        // The fake issues a key only when none was presented; a key given directly wins over the file.
        Path file = dir.resolve("owner-key");
        Files.writeString(file, "mine-from-file\n");

        ClientRun run = ClientRun.of("hi\n", Map.of(ClientOptions.OWNER_KEY_FILE_ENV, file.toString()),
                "--url", server.url(), "--owner-key", "given_directly");

        assertThat(run.exit()).isZero();
        assertThat(server.handshakes().get(0).uri()).isEqualTo("/ws?owner_key=given_directly");
        assertThat(Files.readString(file)).isEqualTo("mine-from-file\n");
    }
}
