package io.lanchat.server.backend;

/**
 * Hears what happens to a {@link Job}. Called on the scheduler's event loop, or, for a slot granted at once, on
 * the thread that submitted the job: implementations hop to their own loop when not on it, and must not block.
 */
public interface JobListener {

    /** Waiting: {@code position} 1 means next; {@code etaMs} is null while nothing has been measured yet. */
    void queued(int position, Long etaMs);

    /** A slot on {@code backend} is this job's until {@link GenerationScheduler#release(Job)}. */
    void granted(Backend backend);

    /**
     * The job cannot be served (no backend has the model any more, the queue is full, or the server is shutting
     * down).
     *
     * @param etaMs for a full queue, roughly how long until there would be room; null when unknown
     */
    void rejected(Rejection rejection, Long etaMs);

    /** Why a job was turned away. */
    enum Rejection { QUEUE_FULL, NO_BACKEND, SHUTTING_DOWN }
}
