package io.lanchat.standin;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Produces timestamps formatted like Go's {@code time.RFC3339Nano}: 0 to 9 fractional digits with
 * trailing zeros trimmed (the dot too when the fraction is zero), {@code Z} for UTC.
 *
 * <p>{@link #nextCreatedAt()} deliberately varies the precision from one call to the next
 * (9, 6, 3, 0, 8, 5, 2, 7, 4, 1 digits, before trimming) so clients that parse with a fixed-width
 * pattern fail against the stand-in as they would, eventually, against Ollama. Values are
 * real time rounded <em>up</em> to that precision and never decrease, so they may run up to one
 * second ahead of the wall clock.
 */
final class GoTime {

    private static final int[] DIGITS = {9, 6, 3, 0, 8, 5, 2, 7, 4, 1};
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

    private final Clock clock;
    private long lastNanos;
    private int calls;

    GoTime(Clock clock) {
        this.clock = clock;
    }

    /** The next {@code created_at} value: UTC, variable precision, non-decreasing. */
    synchronized String nextCreatedAt() {
        long real = epochNanos(clock.instant());
        int digits = DIGITS[calls];
        calls = (calls + 1) % DIGITS.length;
        if (digits == 0 && real < lastNanos) {
            digits = 9; // rounding up to a whole second again would let the drift grow without bound
        }
        long unit = pow10(9 - digits);
        long base = Math.max(real, lastNanos + 1);
        long value = Math.floorDiv(base + unit - 1, unit) * unit;
        lastNanos = value;
        return format(Instant.ofEpochSecond(Math.floorDiv(value, NANOS_PER_SECOND),
                Math.floorMod(value, NANOS_PER_SECOND)), ZoneOffset.UTC);
    }

    /** Formats an instant in a zone the way Go prints a local {@code time.Time} (offset, or Z for UTC). */
    static String format(Instant instant, ZoneId zone) {
        ZonedDateTime t = instant.atZone(zone);
        StringBuilder sb = new StringBuilder(SECONDS.format(t));
        int nanos = t.getNano();
        if (nanos != 0) {
            String fraction = String.format("%09d", nanos).replaceFirst("0+$", "");
            sb.append('.').append(fraction);
        }
        int offset = t.getOffset().getTotalSeconds();
        if (offset == 0) {
            sb.append('Z');
        } else {
            sb.append(offset < 0 ? '-' : '+');
            int abs = Math.abs(offset);
            sb.append(String.format("%02d:%02d", abs / 3600, (abs / 60) % 60));
        }
        return sb.toString();
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * NANOS_PER_SECOND + instant.getNano();
    }

    private static long pow10(int exponent) {
        long value = 1;
        for (int i = 0; i < exponent; i++) {
            value *= 10;
        }
        return value;
    }
}
