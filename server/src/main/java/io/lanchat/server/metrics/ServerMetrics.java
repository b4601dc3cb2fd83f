package io.lanchat.server.metrics;

import io.lanchat.protocol.ErrorCode;
import io.lanchat.server.usage.UsageRecorder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's metrics: what operators need to see load and trouble (connections, sessions, the queue, time to
 * first token, generation speed, tokens relayed, errors by code, each backend's state). Thread-safe; recording a
 * relayed token is a striped counter add.
 *
 * <p>The Prometheus registry takes about a third of a second of CPU to set up (class loading), so it is built on
 * its own thread a moment after the server listens ({@link #startSetup()}): on a two-core machine, building it
 * during start-up or while the first requests are answered delayed the first answer. What is recorded before it
 * is ready is applied when it is, and {@code /metrics} answers 503 until then.
 */
public final class ServerMetrics {
    private static final Logger log = LoggerFactory.getLogger(ServerMetrics.class);
    /** How long after listening the registry is built: past the first requests a start-up check sends. */
    private static final long SETUP_DELAY_MILLIS = 1_000;
    private final LongAdder tokensRelayed = new LongAdder();
    private final CompletableFuture<Meters> meters = new CompletableFuture<>();
    /** Usage per user and model of both doors, the page's and the API's; recorded here too. */
    private final UsageRecorder usage = new UsageRecorder(this);

    /** The registry and the meters recorded into directly. */
    private record Meters(PrometheusMeterRegistry registry, Timer queueWait, Timer firstToken,
                          DistributionSummary tokensPerSecond) {
    }

    /** Builds the registry on a thread of its own, {@link #SETUP_DELAY_MILLIS} from now. Call once. */
    public void startSetup() {
        Thread thread = new Thread(() -> {
            try {
                Thread.sleep(SETUP_DELAY_MILLIS);
                meters.complete(build());
            } catch (InterruptedException e) {
                meters.completeExceptionally(e);
            } catch (RuntimeException | LinkageError e) {
                log.error("cannot set up metrics; /metrics stays unavailable", e);
                meters.completeExceptionally(e);
            }
        }, "metrics-setup");
        thread.setDaemon(true);
        thread.start();
    }

    private Meters build() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        FunctionCounter.builder("lanchat.tokens.relayed", tokensRelayed, LongAdder::doubleValue)
                .description("token frames relayed to clients").register(registry);
        Timer queueWait = Timer.builder("lanchat.queue.wait").description("time replies waited for an Ollama slot")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
        Timer firstToken = Timer.builder("lanchat.first.token").description("time from request to first token")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
        DistributionSummary tokensPerSecond = DistributionSummary.builder("lanchat.generation.speed")
                .baseUnit("tokens.per.second").description("reply generation speed as Ollama reports it")
                .publishPercentileHistogram().minimumExpectedValue(1.0).maximumExpectedValue(10_000.0)
                .register(registry);
        return new Meters(registry, queueWait, firstToken, tokensPerSecond);
    }

    public UsageRecorder usage() {
        return usage;
    }

    /** Registers a gauge read at scrape time, e.g. open connections. */
    public void gauge(String name, String description, Supplier<Number> value, String... tags) {
        whenReady(m -> Gauge.builder(name, value).description(description).tags(tags).register(m.registry()));
    }

    public void tokenRelayed() {
        tokensRelayed.increment();
    }

    /** Tokens read from Ollama and passed on (or kept for a resume) since start. */
    public long tokensRelayed() {
        return tokensRelayed.sum();
    }

    public void replyFinished(long queuedMs, long firstTokenMs, Double tokensPerSecond) {
        whenReady(m -> {
            m.queueWait().record(Duration.ofMillis(queuedMs));
            m.firstToken().record(Duration.ofMillis(firstTokenMs));
            if (tokensPerSecond != null) {
                m.tokensPerSecond().record(tokensPerSecond);
            }
        });
    }

    public void error(ErrorCode code) {
        whenReady(m -> Counter.builder("lanchat.errors").description("error frames sent, by code")
                .tag("code", code.wireName()).register(m.registry()).increment());
    }

    /** Adds {@code amount} to a counter with these tags (callers keep the tag values to a bounded set). */
    public void count(String name, String description, double amount, String... tags) {
        whenReady(m -> Counter.builder(name).description(description).tags(tags).register(m.registry())
                .increment(amount));
    }

    /** Records a duration into a timer with these tags (count and sum only: no histogram per tag set). */
    public void time(String name, String description, Duration duration, String... tags) {
        whenReady(m -> Timer.builder(name).description(description).tags(tags).register(m.registry())
                .record(duration));
    }

    /** The Prometheus text exposition, or null in the first moments after start while the registry is set up. */
    public String scrapeIfReady() {
        Meters ready = meters.getNow(null);
        return ready == null ? null : ready.registry().scrape();
    }

    /** Runs now on the caller's thread when the registry is ready, else on the set-up thread once it is. */
    private void whenReady(Consumer<Meters> action) {
        meters.thenAccept(action).exceptionally(error -> {
            log.warn("metric not recorded: {}", error.toString());
            return null;
        });
    }
}
