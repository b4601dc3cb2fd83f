package io.lanchat.server.metrics;

import io.lanchat.protocol.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The server's metrics: what operators need to see load and trouble (connections, sessions, the queue, time to
 * first token, generation speed, tokens relayed, errors by code, each backend's state). Meters are thread-safe;
 * recording is cheap enough for the token path (a striped counter add).
 */
public final class ServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter tokens;
    private final Timer queueWait;
    private final Timer firstToken;
    private final DistributionSummary tokensPerSecond;

    public ServerMetrics() {
        tokens = Counter.builder("lanchat.tokens.relayed").description("token frames relayed to clients")
                .register(registry);
        queueWait = Timer.builder("lanchat.queue.wait").description("time replies waited for an Ollama slot")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
        firstToken = Timer.builder("lanchat.first.token").description("time from request to first token")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
        tokensPerSecond = DistributionSummary.builder("lanchat.generation.speed").baseUnit("tokens.per.second")
                .description("reply generation speed as Ollama reports it").publishPercentileHistogram()
                .minimumExpectedValue(1.0).maximumExpectedValue(10_000.0).register(registry);
    }

    /** Registers a gauge read at scrape time, e.g. open connections. */
    public void gauge(String name, String description, Supplier<Number> value, String... tags) {
        Gauge.builder(name, value).description(description).tags(tags).register(registry);
    }

    public void tokenRelayed() {
        tokens.increment();
    }

    public void replyFinished(long queuedMs, long firstTokenMs, Double tokensPerSecond) {
        queueWait.record(Duration.ofMillis(queuedMs));
        firstToken.record(Duration.ofMillis(firstTokenMs));
        if (tokensPerSecond != null) {
            this.tokensPerSecond.record(tokensPerSecond);
        }
    }

    public void error(ErrorCode code) {
        Counter.builder("lanchat.errors").description("error frames sent, by code").tag("code", code.wireName())
                .register(registry).increment();
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
