package io.lanchat.standin;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code OLLAMA_NUM_PARALLEL}: a fair semaphore per model, so with the default of 1 a second
 * concurrent request to the same model waits, without headers, until the first finishes.
 */
final class ModelSlots {

    private volatile int perModel = 1;
    private final Map<String, Semaphore> slots = new ConcurrentHashMap<>();

    /** Applies to requests that arrive afterwards; in-flight ones release into their old semaphore. */
    void setNumParallel(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("num_parallel must be at least 1: " + n);
        }
        perModel = n;
        slots.clear();
    }

    /** Blocks until the model has a free slot; interrupted when the stand-in stops. */
    Slot acquire(String model) throws InterruptedException {
        Semaphore semaphore = slots.computeIfAbsent(ModelInfo.key(model), k -> new Semaphore(perModel, true));
        semaphore.acquire();
        return new Slot(semaphore, new AtomicBoolean());
    }

    /** A held slot; closing it (once or more) frees it for the next waiting request. */
    record Slot(Semaphore semaphore, AtomicBoolean released) implements AutoCloseable {
        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                semaphore.release();
            }
        }
    }
}
