package io.lanchat.server.backend;

import java.util.ArrayList;
import java.util.List;

/** Writes down what a job heard, as short lines ("queued 2", "granted 0", "rejected QUEUE_FULL"). */
final class RecordingListener implements JobListener {
    final List<String> heard = new ArrayList<>();

    @Override
    public void queued(int position, Long etaMs) {
        heard.add("queued " + position + (etaMs == null ? "" : " eta " + etaMs));
    }

    @Override
    public void granted(Backend backend) {
        heard.add("granted " + backend.index());
    }

    @Override
    public void rejected(Rejection rejection, Long etaMs) {
        heard.add("rejected " + rejection + (etaMs == null ? "" : " eta " + etaMs));
    }

    String last() {
        return heard.isEmpty() ? null : heard.get(heard.size() - 1);
    }

    boolean wasGranted() {
        return heard.stream().anyMatch(h -> h.startsWith("granted"));
    }
}
