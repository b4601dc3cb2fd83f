package io.lanchat.server.store;

import java.time.Instant;

/**
 * How the store is doing, for {@code /healthz} and {@code /metrics}.
 *
 * @param kind          {@code sqlite}, {@code postgresql} or {@code none}
 * @param ok            false while writes fail
 * @param lastError     the last failure, in words for an administrator; null when none
 * @param failingSince  when the current run of failures began; null while ok
 * @param waitingWrites conversations whose latest state is not saved yet and will be retried
 * @param failures      store operations failed since start
 */
public record StoreHealth(String kind, boolean ok, String lastError, Instant failingSince, int waitingWrites,
                          long failures) {
}
