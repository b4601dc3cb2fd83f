package io.lanchat.client;

import io.lanchat.protocol.ReplyPhase;
import java.util.Locale;

/** Short sentences for the {@code phase} frames that come before a reply's first token, shared by both modes. */
final class PhaseText {

    private PhaseText() {
    }

    /**
     * E.g. "waiting in line: 2nd (~14 s)" or "loading the model...".
     *
     * @return the text, or null for {@code thinking} and {@code generating}, which the reply itself shows
     */
    static String describe(ReplyPhase phase) {
        return switch (phase.phase()) {
            case QUEUED -> "waiting in line" + (phase.position() == null ? "" : ": " + place(phase.position()))
                    + (phase.etaMs() == null ? "" : " (~" + duration(phase.etaMs()) + ")");
            case LOADING -> "loading the model...";
            case THINKING, GENERATING -> null;      // the reasoning and the reply show themselves
            case UNKNOWN -> "waiting...";
        };
    }

    /** A duration for people: "0.4 s", "14 s", "3 min". */
    static String duration(long millis) {
        if (millis < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = Math.round(millis / 1000.0);
        return seconds < 120 ? seconds + " s" : Math.round(seconds / 60.0) + " min";
    }

    private static String place(int position) {
        if (position == 1) {
            return "next";
        }
        int lastTwo = position % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th" : switch (position % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return position + suffix;
    }
}
