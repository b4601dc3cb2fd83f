package io.lanchat.server.usage;

/**
 * One request's usage, from the moment it asked: {@link #granted()} when it got a slot (once, however often a
 * failover grants another), {@link #finished} when it ended, however it ended (once, and only if granted).
 * Confined to the request's event loop.
 */
public final class UsageMeter {
    private final UsageRecorder recorder;
    private final String door;
    private final String identityKey;
    private final String model;
    private final long createdNanos = System.nanoTime();
    private long grantedNanos;
    private boolean granted;
    private boolean finished;

    UsageMeter(UsageRecorder recorder, String door, String identityKey, String model) {
        this.recorder = recorder;
        this.door = door;
        this.identityKey = identityKey;
        this.model = model;
    }

    public void granted() {
        if (!granted) {
            granted = true;
            grantedNanos = System.nanoTime();
            recorder.granted(this, grantedNanos - createdNanos);
        }
    }

    /** Ended with Ollama's counts; a null or missing count (cut short, failed) is 0. */
    public void finished(Number promptTokens, Number generatedTokens) {
        if (granted && !finished) {
            finished = true;
            recorder.finished(this, System.nanoTime() - grantedNanos, value(promptTokens), value(generatedTokens));
        }
    }

    private static long value(Number count) {
        return count == null ? 0 : count.longValue();
    }

    String door() {
        return door;
    }

    String identityKey() {
        return identityKey;
    }

    String model() {
        return model;
    }
}
