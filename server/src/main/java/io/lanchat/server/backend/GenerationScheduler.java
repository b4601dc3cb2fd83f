package io.lanchat.server.backend;

import io.lanchat.server.monitor.OllamaState;
import io.lanchat.server.ollama.ModelNames;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's own queue in front of the Ollama backends. Each backend runs at most {@code parallel}
 * generations per model; requests beyond wait here, where they can be seen and cancelled, rather than invisibly
 * inside Ollama. Waiting requests are served round-robin across client identities, so one person with many tabs
 * or a script cannot starve the others. A request goes to a backend that is up, has the model and a free slot,
 * preferring one where the model is already loaded (no reload thrash), then the least busy.
 *
 * <p>The queue is confined to one event loop; public methods may be called from any thread. The slot counts are
 * atomic so that a job submitted while nobody waits can take a free slot at once, on the submitting thread,
 * without the two hand-offs to the scheduler's loop and back that would otherwise come before every first token.
 * A job submitted a moment later than another one that must wait may thus overtake it by those microseconds;
 * once anybody waits, every job goes through the queue.
 */
public final class GenerationScheduler {
    private final EventLoop loop;
    private final BackendPool pool;
    private final int parallel;
    private final int maxQueue;
    /** Waiting jobs per client, in serving order: the client served last moves to the back. */
    private final LinkedHashMap<String, ArrayDeque<Job>> waiting = new LinkedHashMap<>();
    /** Slots in use per backend and (normalized) model; reserved from any thread, freed on the loop. */
    private final Map<Backend, Map<String, AtomicInteger>> busy = new ConcurrentHashMap<>();
    private final ServiceTimes serviceTimes = new ServiceTimes();
    /** Jobs waiting or on their way to the queue, counted before the hop so the fast path never overtakes them. */
    private final AtomicInteger waitingOrArriving = new AtomicInteger();
    private int queued;
    private volatile int queuedSnapshot;

    public GenerationScheduler(EventLoop loop, BackendPool pool, int parallel, int maxQueue) {
        this.loop = loop;
        this.pool = pool;
        this.parallel = parallel;
        this.maxQueue = maxQueue;
        pool.onChange(() -> loop.execute(this::dispatch));
    }

    /**
     * Queues a job; its listener hears {@code queued}, {@code granted} or {@code rejected}. When nobody waits and a
     * slot is free, the job is granted at once, on the calling thread, before this returns.
     */
    public void submit(Job job) {
        if (waitingOrArriving.get() == 0 && grantAtOnce(job)) {
            return;
        }
        waitingOrArriving.incrementAndGet();
        loop.execute(() -> {
            if (queued >= maxQueue) {
                waitingOrArriving.decrementAndGet();
                job.finished = true;
                job.listener.rejected(JobListener.Rejection.QUEUE_FULL, estimate(job.model, queued + 1));
                return;
            }
            waiting.computeIfAbsent(job.client, c -> new ArrayDeque<>()).addLast(job);
            queued++;
            dispatch();
        });
    }

    /** Puts a job whose backend failed before the first token back at the head of its line, avoiding that backend. */
    public void retryElsewhere(Job job, Backend failed) {
        waitingOrArriving.incrementAndGet();
        loop.execute(() -> {
            freeSlot(job);
            job.excluded.add(failed);
            job.granted = null;
            job.finished = false;
            job.lastPosition = 0;
            waiting.computeIfAbsent(job.client, c -> new ArrayDeque<>()).addFirst(job);
            queued++;
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
                serviceTimes.record(job.model, System.nanoTime() - job.grantedNanos);
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

    /** Requests waiting now (for metrics and health). Any thread. */
    public int queueLength() {
        return queuedSnapshot;
    }

    /** Generations running now. Any thread. */
    public int running() {
        return busy.keySet().stream().mapToInt(this::running).sum();
    }

    /** Generations running on one backend now. Any thread. */
    public int running(Backend backend) {
        Map<String, AtomicInteger> counts = busy.get(backend);
        return counts == null ? 0 : counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** The fast path: nobody waits, so a free slot is this job's without queueing. */
    private boolean grantAtOnce(Job job) {
        Backend backend = reserveSlot(job);
        if (backend == null) {
            return false;
        }
        grant(job, backend);
        return true;
    }

    /**
     * Takes a slot for the job on the best backend that has one: up, with the model, not excluded; preferring one
     * where the model is already loaded (no reload thrash), then the least busy. Null when none is free.
     */
    private Backend reserveSlot(Job job) {
        String model = ModelNames.normalize(job.model);
        // What each backend offers, read once: other threads may change it while this sorts.
        List<Backend> candidates = new ArrayList<>();
        Map<Backend, Boolean> cold = new HashMap<>();
        Map<Backend, Integer> load = new HashMap<>();
        for (Backend backend : pool.backends()) {
            OllamaState state = backend.state();
            if (!job.excluded.contains(backend) && state.status().available() && state.hasModel(job.model)) {
                candidates.add(backend);
                cold.put(backend, !state.isLoaded(job.model));
                load.put(backend, running(backend));
            }
        }
        candidates.sort(Comparator.comparing(cold::get).thenComparing(load::get));
        for (Backend backend : candidates) {
            AtomicInteger slots = busy.computeIfAbsent(backend, b -> new ConcurrentHashMap<>())
                    .computeIfAbsent(model, m -> new AtomicInteger());
            if (slots.getAndUpdate(n -> n < parallel ? n + 1 : n) < parallel) {
                return backend;
            }
        }
        return null;
    }

    private void freeSlot(Job job) {
        if (job.granted != null) {
            busy.get(job.granted).get(ModelNames.normalize(job.model)).decrementAndGet();
            job.granted = null;
        }
    }

    private void dispatch() {
        boolean served = true;
        while (served) {
            served = false;
            for (Iterator<Map.Entry<String, ArrayDeque<Job>>> it = waiting.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, ArrayDeque<Job>> line = it.next();
                Job head = line.getValue().peekFirst();
                if (pool.backendsWith(head.model) == 0 || allExcluded(head)) {
                    line.getValue().pollFirst();
                    queued--;
                    waitingOrArriving.decrementAndGet();
                    head.finished = true;
                    head.listener.rejected(JobListener.Rejection.NO_BACKEND, null);
                } else {
                    Backend backend = reserveSlot(head);
                    if (backend == null) {
                        continue;
                    }
                    line.getValue().pollFirst();
                    queued--;
                    waitingOrArriving.decrementAndGet();
                    grant(head, backend);
                }
                // This client was served: it goes to the back of the round.
                it.remove();
                if (!line.getValue().isEmpty()) {
                    waiting.put(line.getKey(), line.getValue());
                }
                served = true;
                break;
            }
        }
        updateSnapshots();
        announcePositions();
    }

    private boolean allExcluded(Job job) {
        return pool.backends().stream()
                .filter(b -> b.state().status().available() && b.state().hasModel(job.model))
                .allMatch(job.excluded::contains);
    }

    /** Hands the job the slot {@link #reserveSlot} took for it. */
    private void grant(Job job, Backend backend) {
        job.granted = backend;
        job.grantedNanos = System.nanoTime();
        job.listener.granted(backend);
    }

    /** Tells every waiting job whose place changed where it now stands, in round-robin serving order. */
    private void announcePositions() {
        List<ArrayDeque<Job>> lines = new ArrayList<>(waiting.values());
        List<Iterator<Job>> cursors = lines.stream().map(ArrayDeque::iterator).toList();
        int position = 0;
        boolean any = true;
        while (any) {
            any = false;
            for (Iterator<Job> cursor : cursors) {
                if (cursor.hasNext()) {
                    Job job = cursor.next();
                    position++;
                    any = true;
                    if (job.lastPosition != position) {
                        job.lastPosition = position;
                        job.listener.queued(position, estimate(job.model, position));
                    }
                }
            }
        }
    }

    /** Roughly: the queue ahead, served by every slot that can run the model, at the recently measured pace. */
    private Long estimate(String model, int position) {
        Long average = serviceTimes.averageMillis(model);
        if (average == null) {
            return null;
        }
        int slots = Math.max(1, pool.backendsWith(model) * parallel);
        return average * ((position + slots - 1) / slots);
    }

    private void updateSnapshots() {
        queuedSnapshot = queued;
    }

    /** Recent generation times per model, as an exponentially weighted average. */
    private static final class ServiceTimes {
        private final Map<String, Double> averages = new HashMap<>();

        void record(String model, long nanos) {
            averages.merge(ModelNames.normalize(model), nanos / 1e6, (old, now) -> old * 0.7 + now * 0.3);
        }

        Long averageMillis(String model) {
            Double average = averages.get(ModelNames.normalize(model));
            return average == null ? null : Math.round(average);
        }
    }
}
