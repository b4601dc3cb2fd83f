package io.lanchat.server.backend;

import java.util.HashSet;
import java.util.Set;

/**
 * One request for a generation slot. Created by a conversation; its fields other than the constructor's are
 * touched only on the scheduler's event loop, except when the submitting thread grants it a free slot at once
 * (before any task for it reaches that loop).
 */
public final class Job {
    final String client;
    final String model;
    final JobListener listener;
    final Set<Backend> excluded = new HashSet<>();
    int lastPosition;
    Backend granted;
    long grantedNanos;
    boolean finished;

    /**
     * @param client   the client identity the queue is fair between (token user or IP address)
     * @param model    the model to run
     * @param listener hears the job's progress
     */
    public Job(String client, String model, JobListener listener) {
        this.client = client;
        this.model = model;
        this.listener = listener;
    }

    public String model() {
        return model;
    }
}
