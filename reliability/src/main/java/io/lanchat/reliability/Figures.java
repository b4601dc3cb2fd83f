package io.lanchat.reliability;

import java.util.Locale;

/** Number formatting for the report. */
final class Figures {
    private Figures() {
    }

    static String bytes(long b) {
        if (b < 0) {
            return "n/a";
        }
        if (b < 10 * 1024) {
            return b + " B";
        }
        if (b < 10L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", b / (1024.0 * 1024));
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }
}
