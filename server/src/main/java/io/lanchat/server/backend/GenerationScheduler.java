package io.lanchat.server.backend;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's own queue in front of the Ollama backends. Each backend runs at most {@code parallel}
 * generations per model; requests beyond wait here, where they can be seen and cancelled, rather than invisibly
 * inside Ollama. Waiting requests are served fairly across client identities, counting what each already has
 * running ({@link ClientTurns}), so one person with many tabs or a script cannot starve the others. A request goes
 * to a backend that is up, has the model and a free slot ({@link BackendSlots}).
 *
 * <p>The queue is confined to one event loop, whose clock it reads; public methods may be called from any thread.
 * A job submitted while nobody waits takes a free slot at once, on the submitting thread, without the two
 * hand-offs to the scheduler's loop and back that would otherwise come before every first token. A job submitted a
 * moment later than another one that must wait may thus overtake it by those microseconds; once anybody waits,
 * every job goes through the queue.
 *
 * <p>On {@link #drain()} (shutdown) nothing more is granted: every waiting job and every job submitted or failing
 * over from then on is refused with {@link JobListener.Rejection#SHUTTING_DOWN}.
 */
public final class GenerationScheduler {
    private final EventLoop loop;
    private final BackendPool pool;
    private final int maxQueue;
    private final BackendSlots slots;
    private final ClientTurns turns = new ClientTurns();
    /** Waiting jobs per client, in the order the clients started waiting. */
    private final LinkedHashMap<String, ArrayDeque<Job>> waiting = new LinkedHashMap<>();
    private final ServiceTimes serviceTimes = new ServiceTimes();
    /** Jobs waiting or on their way to the queue, counted before the hop so the fast path never overtakes them. */
    private final AtomicInteger waitingOrArriving = new AtomicInteger();
    private volatile boolean draining;
    private int queued;
    private volatile int queuedSnapshot;

    public GenerationScheduler(EventLoop loop, BackendPool pool, int parallel, int maxQueue) {
        this.loop = loop;
        this.pool = pool;
        this.maxQueue = maxQueue;
        this.slots = new BackendSlots(pool, parallel);
        pool.onChange(() -> loop.execute(this::dispatch));
    }

    /**
     * Queues a job; its listener hears {@code queued}, {@code granted} or {@code rejected}. When nobody waits and a
     * slot is free, the job is granted at once, on the calling thread, before this returns.
     */
    public void submit(Job job) {
        if (!draining && waitingOrArriving.get() == 0 && grantAtOnce(job)) {
            return;
        }
        waitingOrArriving.incrementAndGet();
        loop.execute(() -> {
            if (draining || queued >= maxQueue) {
                waitingOrArriving.decrementAndGet();
                job.finished = true;
                if (draining) {
                    job.listener.rejected(JobListener.Rejection.SHUTTING_DOWN, null);
                } else {
                    job.listener.rejected(JobListener.Rejection.QUEUE_FULL, estimate(job.model, queued + 1));
                }
                return;
            }
            enqueue(job, false);
            dispatch();
        });
    }

    /**
     * Puts a job whose backend failed before the first token back at the head of its line. The job never goes to
     * that backend again, and no other job does until the backend's monitor has probed it anew.
     */
    public void retryElsewhere(Job job, Backend failed) {
        waitingOrArriving.incrementAndGet();
        slots.suspect(failed);
        failed.monitor().probeSoon();
        loop.execute(() -> {
            freeSlot(job);
            job.excluded.add(failed);
            job.lastPosition = 0;
            if (draining) {
                waitingOrArriving.decrementAndGet();
                job.finished = true;
                job.listener.rejected(JobListener.Rejection.SHUTTING_DOWN, null);
                return;
            }
            job.finished = false;
            enqueue(job, true);
            dispatch();
        });
    }

    /** The job ended (done, failed, cancelled — queued or running): free its place or slot. Idempotent. */
    public void release(Job job) {
        loop.execute(() -> {
            if (job.finished) {
                return;
            }
            job.finished = true;
            if (job.granted != null) {
                serviceTimes.record(job.model, now() - job.grantedNanos);
                freeSlot(job);
            } else {
                ArrayDeque<Job> line = waiting.get(job.client);
                if (line != null && line.remove(job)) {
                    queued--;
                    waitingOrArriving.decrementAndGet();
                    if (line.isEmpty()) {
                        waiting.remove(job.client);
                    }
                }
            }
            if (!waiting.containsKey(job.client)) {
                turns.forgetIfIdle(job.client);
            }
            dispatch();
        });
    }

    /** Tells a waiting job its place again (its client reconnected and missed the last announcement). */
    public void reannounce(Job job) {
        loop.execute(() -> {
            if (job.granted == null && !job.finished) {
                job.lastPosition = 0;
                announcePositions();
            }
        });
    }

    /**
     * Shutdown: grants nothing more, and refuses every waiting job and every job that comes later with
     * {@link JobListener.Rejection#SHUTTING_DOWN}. Jobs already granted run on until released.
     *
     * @return done once every job that was waiting has been told
     */
    public Future<?> drain() {
        draining = true;
        return loop.submit(() -> {
            List<Job> refused = new ArrayList<>();
            waiting.values().forEach(refused::addAll);
            waiting.clear();
            queued = 0;
            updateSnapshots();
            for (Job job : refused) {
                waitingOrArriving.decrementAndGet();
                job.finished = true;
                turns.forgetIfIdle(job.client);
                job.listener.rejected(JobListener.Rejection.SHUTTING_DOWN, null);
            }
        });
    }

    /** Requests waiting now (for metrics and health). Any thread. */
    public int queueLength() {
        return queuedSnapshot;
    }

    /** Generations running now. Any thread. */
    public int running() {
        return slots.running();
    }

    /** Generations running on one backend now. Any thread. */
    public int running(Backend backend) {
        return slots.running(backend);
    }

    /** The fast path: nobody waits, so a free slot is this job's without queueing. */
    private boolean grantAtOnce(Job job) {
        Backend backend = slots.reserve(job);
        if (backend == null) {
            return false;
        }
        grant(job, backend);
        return true;
    }

    private void enqueue(Job job, boolean atHead) {
        ArrayDeque<Job> line = waiting.computeIfAbsent(job.client, c -> new ArrayDeque<>());
        if (atHead) {
            line.addFirst(job);
        } else {
            line.addLast(job);
        }
        queued++;
    }

    private void freeSlot(Job job) {
        if (job.granted != null) {
            slots.free(job.granted, job.model);
            turns.finished(job.client);
            job.granted = null;
        }
    }

    /** Grants free slots to waiting jobs, whoever's turn it is first, until no waiting job can get one. */
    private void dispatch() {
        boolean served = !draining;
        while (served) {
            served = false;
            for (String client : turns.order(waiting.keySet())) {
                ArrayDeque<Job> line = waiting.get(client);
                Job head = line.peekFirst();
                Backend backend = null;
                if (!slots.noneLeftFor(head)) {
                    backend = slots.reserve(head);
                    if (backend == null) {
                        continue;           // no slot for this model now; maybe for the next client's
                    }
                }
                line.pollFirst();
                queued--;
                waitingOrArriving.decrementAndGet();
                if (line.isEmpty()) {
                    waiting.remove(client);
                }
                if (backend == null) {
                    head.finished = true;
                    turns.forgetIfIdle(client);
                    head.listener.rejected(JobListener.Rejection.NO_BACKEND, null);
                } else {
                    grant(head, backend);
                }
                served = true;
                break;                      // whose turn it is has changed: rank again
            }
        }
        updateSnapshots();
        announcePositions();
    }

    /** Hands the job the slot {@link BackendSlots#reserve} took for it. */
    private void grant(Job job, Backend backend) {
        job.granted = backend;
        job.grantedNanos = now();
        turns.granted(job.client);
        job.listener.granted(backend);
    }

    /** Tells every waiting job whose place changed where it now stands, in the order they would be served. */
    private void announcePositions() {
        int position = 0;
        for (Job job : turns.projectedOrder(waiting)) {
            position++;
            if (job.lastPosition != position) {
                job.lastPosition = position;
                job.listener.queued(position, estimate(job.model, position));
            }
        }
    }

    /** Roughly: the queue ahead, served by every slot that can run the model, at the recently measured pace. */
    private Long estimate(String model, int position) {
        Long average = serviceTimes.averageMillis(model);
        if (average == null) {
            return null;
        }
        int parallelSlots = Math.max(1, pool.backendsWith(model) * slots.parallel());
        return average * ((position + parallelSlots - 1) / parallelSlots);
    }

    /** The loop's own clock: the system's in production, one the test moves by hand under an embedded loop. */
    private long now() {
        return loop.ticker().nanoTime();
    }

    private void updateSnapshots() {
        queuedSnapshot = queued;
    }
}
