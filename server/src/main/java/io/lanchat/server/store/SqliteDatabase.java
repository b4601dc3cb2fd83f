package io.lanchat.server.store;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.sqlite.Function;
import org.sqlite.SQLiteConfig;

/**
 * The embedded database: {@value #FILE_NAME} in the data directory, both created owner-only where the file system
 * has POSIX permissions (SQLite gives its -wal and -shm files the database file's permissions).
 *
 * <p>Each connection runs in WAL mode (readers never block the writer), with foreign keys on (the messages go with
 * their conversation), a busy timeout (the two lanes wait for each other's write instead of failing) and
 * {@code synchronous=NORMAL}: a commit is in the OS's cache before the call returns, so it survives the server's
 * crash or {@code kill -9}, and WAL mode keeps the file consistent whatever happens; a power cut or kernel crash
 * can lose the last commits (never corrupt the file). FULL would sync the WAL at every commit, and a user's message
 * is saved before it goes to Ollama: measured, that flush added 1.2–1.6 ms to every first token and capped commits
 * at 250–500 a second, so a thousand chats starting together waited seconds (BENCHMARKS.md, issue #12).
 */
final class SqliteDatabase {
    static final String FILE_NAME = "lanchat.db";
    private static final int BUSY_TIMEOUT_MS = 5_000;

    private SqliteDatabase() {
    }

    /** Creates the directory and the empty file owner-only (when missing) and says how to open connections. */
    static ConnectionFactory prepare(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
        try {
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (!Files.isDirectory(dataDir)) {
                Files.createDirectories(dataDir, posix ? attributes("rwx------") : new FileAttribute<?>[0]);
            }
            if (!Files.exists(file)) {
                Files.createFile(file, posix ? attributes("rw-------") : new FileAttribute<?>[0]);
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the SQLite database " + file + ": " + e, e);
        }
        String url = "jdbc:sqlite:" + file;
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return () -> {
            Connection c = DriverManager.getConnection(url, config.toProperties());
            try {
                Function.create(c, Dialect.SQLITE.fold(), new Fold(), 1, Function.FLAG_DETERMINISTIC);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return c;
        };
    }

    private static FileAttribute<?>[] attributes(String permissions) {
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))};
    }

    /** {@code lanchat_fold(text)}: the case folding of searches, the same as on the Java side of the pattern. */
    private static final class Fold extends Function {
        @Override
        protected void xFunc() throws SQLException {
            result(SearchWords.fold(value_text(0)));
        }
    }
}
