package io.lanchat.client;

import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.PullProgress;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code /pull} in progress: picks the {@code pull_progress} frames worth a line (a new status, or a download
 * 10 % further on) so that a pull of several gigabytes prints a few dozen lines rather than thousands, and counts
 * the backends that have finished, so the chat knows when the pull is over.
 */
final class PullReport {
    private static final int STEP_PERCENT = 10;

    private final String model;
    private final int backends;
    private final boolean nameBackends;
    private final Map<String, String> lastShown = new HashMap<>();  // per backend: status and percentage step
    private int finished;

    /**
     * @param model        the model being pulled
     * @param backends     how many Ollama backends the server pulls into (those up when it started)
     * @param nameBackends whether to say which backend each line comes from (when there are several)
     */
    PullReport(String model, int backends, boolean nameBackends) {
        this.model = model;
        this.backends = Math.max(1, backends);
        this.nameBackends = nameBackends;
    }

    /** The line to show for this progress frame, e.g. "pulling 0a8c2668: 40% of 398 MB"; null to skip it. */
    String line(PullProgress progress) {
        String backend = progress.backend() == null ? "" : progress.backend();
        String text;
        String shownAs;
        if (progress.status().equals("success")) {
            finished++;
            text = "success: " + model + " is installed";
            shownAs = "success";
        } else if (progress.total() != null && progress.total() > 0) {
            long completed = progress.completed() == null ? 0 : progress.completed();
            int percent = (int) Math.min(100, completed * 100 / progress.total());
            text = progress.status() + ": " + percent + "% of " + bytes(progress.total());
            shownAs = progress.status() + " " + percent / STEP_PERCENT;
        } else {
            text = progress.status();
            shownAs = progress.status();
        }
        if (shownAs.equals(lastShown.put(backend, shownAs))) {
            return null;
        }
        return nameBackends && !backend.isEmpty() ? backend + ": " + text : text;
    }

    /** An error answered the pull: {@code pull_failed} ends it on one backend; any other error ends it altogether. */
    void failed(ErrorMessage error) {
        finished = error.code() == ErrorCode.PULL_FAILED ? finished + 1 : backends;
    }

    /** Whether every backend has finished (successfully or not). */
    boolean over() {
        return finished >= backends;
    }

    private static String bytes(long n) {
        if (n >= 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f GB", n / 1e9);
        }
        if (n >= 1_000_000) {
            return n / 1_000_000 + " MB";
        }
        return n >= 1_000 ? n / 1_000 + " kB" : n + " B";
    }
}
