package io.lanchat.server.store;

import static io.lanchat.server.store.StoreFixtures.await;
import static io.lanchat.server.store.StoreFixtures.conversation;
import static io.lanchat.server.store.StoreFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a real SQLite file, plus what only the file has: its permissions and its settings. */
@Timeout(60)
final class SqliteConversationStoreTest extends ConversationStoreContract {
    @TempDir
    Path temp;
    private Path dataDir;
    private int databases;

    @Override
    void freshDatabase() {
        dataDir = temp.resolve("data-" + databases++).resolve("lanchat-data");
    }

    @Override
    ConversationStore open(StoreSettings settings) {
        return ConversationStores.open("sqlite", dataDir, settings, new Properties());
    }

    @Override
    Connection plain() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(SqliteDatabase.FILE_NAME));
    }

    @Override
    void freshDatabaseForUpgrade() {
        freshDatabase();
        SqliteDatabase.prepare(dataDir); // the directory and empty file, as a V1 server made them
    }

    @Override
    Dialect dialect() {
        return Dialect.SQLITE;
    }

    @Test
    void createsTheDataDirectoryAndItsFilesOwnerOnly() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "no POSIX permissions");

        await(store.save(conversation(ALICE, "c1", "t", 1), List.of(user(0, "written through the WAL"))));

        assertThat(permissions(dataDir)).isEqualTo("rwx------");
        assertThat(permissions(dataDir.resolve("lanchat.db"))).isEqualTo("rw-------");
        assertThat(permissions(dataDir.resolve("lanchat.db-wal"))).isEqualTo("rw-------");
        assertThat(permissions(dataDir.resolve("lanchat.db-shm"))).isEqualTo("rw-------");
    }

    @Test
    void everyConnectionIsDurableWithForeignKeysAndWaitsWhenBusy() throws SQLException {
        try (Connection c = SqliteDatabase.prepare(dataDir).open()) {
            assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(c, "synchronous")).isEqualTo("1"); // NORMAL, in WAL mode
            assertThat(pragma(c, "foreign_keys")).isEqualTo("1");
            assertThat(Integer.parseInt(pragma(c, "busy_timeout"))).isGreaterThanOrEqualTo(1_000);
        }
    }

    private static String pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
