package io.lanchat.server.usage;

import io.lanchat.server.metrics.ServerMetrics;
import io.lanchat.server.ollama.ModelNames;
import java.time.Duration;

/**
 * Counts generation requests of both doors, in {@code /metrics} and in the {@link UsageLedger}. In
 * {@code /metrics} the {@code user} label is an access token's user (configured, so a set known in advance) or
 * {@code anonymous} (never an address), so its label sets stay bounded; the ledger keeps addresses, under its cap.
 * Thread-safe.
 */
public final class UsageRecorder {
    public static final String ANONYMOUS = "anonymous";
    private final ServerMetrics metrics;
    private final UsageLedger ledger = new UsageLedger();

    public UsageRecorder(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    public UsageLedger ledger() {
        return ledger;
    }

    /**
     * A meter for one request, started now, of the client known by {@code identityKey} ({@code user:NAME} or
     * {@code ip:ADDRESS}), through {@code door} ({@code page} or {@code api}).
     */
    public UsageMeter meter(String door, String identityKey, String model) {
        return new UsageMeter(this, door, identityKey, ModelNames.normalize(model));
    }

    void granted(UsageMeter meter, long waitedNanos) {
        String[] tags = tags(meter);
        metrics.count("lanchat.usage.requests", "generation requests served, by door, user and model", 1, tags);
        metrics.time("lanchat.usage.queue.wait", "time requests waited for a generation slot",
                Duration.ofNanos(waitedNanos), tags);
        ledger.granted(meter.door(), ledgerUser(meter.identityKey()), meter.model(), waitedNanos);
    }

    void finished(UsageMeter meter, long generatingNanos, long prompt, long generated) {
        String[] tags = tags(meter);
        metrics.time("lanchat.usage.generation.time", "time requests held a generation slot",
                Duration.ofNanos(generatingNanos), tags);
        metrics.count("lanchat.usage.prompt.tokens", "prompt tokens, as Ollama counted them", prompt, tags);
        metrics.count("lanchat.usage.generated.tokens", "generated tokens, as Ollama counted them", generated, tags);
        ledger.finished(meter.door(), ledgerUser(meter.identityKey()), meter.model(), generatingNanos, prompt,
                generated);
    }

    /** The label value: the token's user, or {@code anonymous} without tokens. */
    public static String metricUser(String identityKey) {
        return identityKey.startsWith("user:") ? identityKey.substring("user:".length()) : ANONYMOUS;
    }

    private static String ledgerUser(String identityKey) {
        int colon = identityKey.indexOf(':');
        return colon >= 0 ? identityKey.substring(colon + 1) : identityKey;
    }

    private static String[] tags(UsageMeter meter) {
        return new String[] {"door", meter.door(), "user", metricUser(meter.identityKey()), "model", meter.model()};
    }
}
