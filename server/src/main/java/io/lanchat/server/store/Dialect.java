package io.lanchat.server.store;

/** What differs between the two databases; the SQL itself is shared. */
enum Dialect {
    /**
     * SQLite allows one writer at a time: two lanes (a read can run beside a write in WAL mode), and every
     * transaction starts IMMEDIATE so two writers queue on busy_timeout instead of failing on a stale snapshot.
     * Its lower() folds ASCII only, so searches fold with {@code lanchat_fold}, a Java function each connection
     * registers (the same folding PostgreSQL's lower() does under a UTF-8 locale).
     */
    SQLITE("sqlite", 2, "lanchat_fold", null),
    /** The migration lock keeps two servers starting at once from applying the same script twice. */
    POSTGRESQL("postgresql", 4, "lower", "LOCK TABLE schema_version IN EXCLUSIVE MODE");

    private final String kind;
    private final int defaultLanes;
    private final String fold;
    private final String migrationLock;

    Dialect(String kind, int defaultLanes, String fold, String migrationLock) {
        this.kind = kind;
        this.defaultLanes = defaultLanes;
        this.fold = fold;
        this.migrationLock = migrationLock;
    }

    String kind() {
        return kind;
    }

    int defaultLanes() {
        return defaultLanes;
    }

    /** The SQL function that folds case for searches. */
    String fold() {
        return fold;
    }

    /** A statement run first in each migration's transaction; null when the transaction itself is exclusive. */
    String migrationLock() {
        return migrationLock;
    }
}
