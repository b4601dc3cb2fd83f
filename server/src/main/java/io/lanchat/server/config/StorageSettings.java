package io.lanchat.server.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Where conversations are kept.
 *
 * @param database  {@code sqlite}, {@code none}, or a {@code jdbc:postgresql:} URL
 * @param dataDir   the folder of the SQLite file
 * @param retention conversations untouched this long are deleted; null keeps them
 */
public record StorageSettings(String database, Path dataDir, Duration retention) {
    public StorageSettings {
        requireNonNull(database, "database");
        requireNonNull(dataDir, "dataDir");
        String lower = database.strip().toLowerCase(Locale.ROOT);
        if (lower.equals("sqlite") || lower.equals("none")) {
            database = lower;               // the store compares these exactly
        }
        if (!lower.equals("sqlite") && !lower.equals("none") && !lower.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--database (LANCHAT_DATABASE) must be sqlite, none, or a"
                    + " jdbc:postgresql://HOST:PORT/DATABASE URL");
        }
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException("--retention (LANCHAT_RETENTION) must be a positive duration or off");
        }
    }

    /** Memory-only mode: nothing is written. */
    public boolean memoryOnly() {
        return database.equalsIgnoreCase("none");
    }
}
