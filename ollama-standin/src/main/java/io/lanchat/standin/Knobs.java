package io.lanchat.standin;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The behaviour settings tests can change at any time; volatile fields, read once per request, so
 * a change takes effect for the next request without locking.
 */
final class Knobs {

    /** A realistic Ollama version; current stable per the fact sheet (post-0.12.6 error semantics). */
    static final String DEFAULT_VERSION = "0.32.15";

    private volatile Duration tokenDelay = Duration.ofMillis(5);
    private volatile Duration loadDelay = Duration.ZERO;
    private volatile Function<ChatCall, List<String>> reply;
    private volatile Fault fault = Fault.NONE;
    private volatile String version = DEFAULT_VERSION;
    private volatile Duration stallCap = Duration.ofMinutes(10);
    private volatile boolean capabilitiesInTags;

    Duration tokenDelay() {
        return tokenDelay;
    }

    void tokenDelay(Duration d) {
        tokenDelay = requireNonNegative(d);
    }

    Duration loadDelay() {
        return loadDelay;
    }

    void loadDelay(Duration d) {
        loadDelay = requireNonNegative(d);
    }

    /** The reply tokens for a call: the configured function, or the documented default. */
    List<String> replyFor(ChatCall call, Fault activeFault) {
        Function<ChatCall, List<String>> custom = reply;
        return custom != null ? List.copyOf(custom.apply(call))
                : DefaultReply.tokens(call, activeFault == Fault.SPLIT_CHUNKS);
    }

    void reply(Function<ChatCall, List<String>> replyTokens) {
        reply = replyTokens;
    }

    Fault fault() {
        return fault;
    }

    void fault(Fault f) {
        fault = Objects.requireNonNullElse(f, Fault.NONE);
    }

    String version() {
        return version;
    }

    void version(String v) {
        version = Objects.requireNonNull(v, "version");
    }

    Duration stallCap() {
        return stallCap;
    }

    void stallCap(Duration d) {
        stallCap = requireNonNegative(d);
    }

    boolean capabilitiesInTags() {
        return capabilitiesInTags;
    }

    void capabilitiesInTags(boolean on) {
        capabilitiesInTags = on;
    }

    private static Duration requireNonNegative(Duration d) {
        if (d == null || d.isNegative()) {
            throw new IllegalArgumentException("duration must be zero or positive: " + d);
        }
        return d;
    }
}
