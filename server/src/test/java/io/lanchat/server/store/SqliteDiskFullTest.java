package io.lanchat.server.store;

import static io.lanchat.server.store.StoreFixtures.FAST;
import static io.lanchat.server.store.StoreFixtures.await;
import static io.lanchat.server.store.StoreFixtures.conversation;
import static io.lanchat.server.store.StoreFixtures.eventually;
import static io.lanchat.server.store.StoreFixtures.failure;
import static io.lanchat.server.store.StoreFixtures.reply;
import static io.lanchat.server.store.StoreFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real full disk under a running SQLite store: the data directory on a 2 MB tmpfs, filled up by another file.
 * (File permissions cannot fail a write for root, which tests run as, and a read-only remount is refused while the
 * database is open; a full file system stops everyone.) Needs root and mount, and is skipped without them.
 */
@Timeout(60)
final class SqliteDiskFullTest {
    private static final String ALICE = "key:alice";

    @TempDir
    Path temp;
    private Path mount;
    private boolean mounted;

    @BeforeEach
    void mountSmallFileSystem() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        mount = Files.createDirectory(temp.resolve("small"));
        int exit = command("mount", "-t", "tmpfs", "-o", "size=2m,mode=0755", "tmpfs", mount.toString());
        assumeTrue(exit == 0, "cannot mount a tmpfs here (no CAP_SYS_ADMIN?)");
        mounted = true;
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            command("umount", "-l", mount.toString());
        }
    }

    @Test
    void keepsTheWriteWhileTheDiskIsFullAndWritesItOnceThereIsRoom() throws IOException {
        ConversationStore store = ConversationStores.open("sqlite", mount.resolve("data"), FAST, new Properties());
        try {
            await(store.save(conversation(ALICE, "c1", "before", 1), List.of(user(0, "hello"))));
            Path filler = fill(mount.resolve("filler"));
            String big = "x".repeat(300_000); // more than the WAL holds already, so the file must grow

            Throwable failed = failure(store.save(conversation(ALICE, "c1", "full", 2), List.of(reply(1, big))));
            StoreHealth full = store.health();
            Files.delete(filler);
            eventually(Duration.ofSeconds(20), () -> store.health().ok(), "the waiting write goes through");
            StoredConversation back = await(store.load(ALICE, "c1", 1_000_000)).orElseThrow();

            assertThat(failed).isInstanceOf(StoreException.class);
            assertThat(full.ok()).isFalse();
            assertThat(full.waitingWrites()).isEqualTo(1);
            assertThat(full.lastError()).containsIgnoringCase("full");
            assertThat(back.record().title()).isEqualTo("full");
            assertThat(back.messages()).containsExactly(user(0, "hello"), reply(1, big));
        } finally {
            store.close();
        }
    }

    @Test
    void closingTriesTheWaitingWritesOnceMore() throws IOException {
        StoreSettings noRetries = FAST.withRetryInterval(Duration.ofHours(1));
        ConversationStore store = ConversationStores.open("sqlite", mount.resolve("data"), noRetries, new Properties());
        String big = "y".repeat(300_000);
        try {
            await(store.save(conversation(ALICE, "c1", "before", 1), List.of(user(0, "hello"))));
            Path filler = fill(mount.resolve("filler"));
            failure(store.save(conversation(ALICE, "c1", "full", 2), List.of(reply(1, big))));
            Files.delete(filler);
            assertThat(store.health().waitingWrites()).isEqualTo(1);
        } finally {
            store.close();
        }

        try (ConversationStore reopened = ConversationStores.open("sqlite", mount.resolve("data"), FAST,
                new Properties())) {
            StoredConversation back = await(reopened.load(ALICE, "c1", 1_000_000)).orElseThrow();
            assertThat(back.messages()).containsExactly(user(0, "hello"), reply(1, big));
        }
    }

    /** Writes to the file until the file system has no room left. */
    private static Path fill(Path file) throws IOException {
        byte[] chunk = "0123456789abcdef".repeat(1024).getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 10_000; i++) {
                out.write(chunk);
                out.flush();
            }
        } catch (IOException noSpace) {
            return file;
        }
        throw new IllegalStateException("a 2 MB file system took 160 MB");
    }

    private static int command(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
