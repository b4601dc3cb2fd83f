package io.lanchat.server.backend;

import io.lanchat.server.monitor.AvailabilityMonitor;
import io.lanchat.server.monitor.FakeOllama;
import io.lanchat.server.monitor.ManualLoop;
import io.lanchat.server.ollama.OllamaClient;
import io.lanchat.server.ollama.OllamaEndpoint;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Backends for unit tests: each one's monitor asks a {@link FakeOllama}, and everything (monitors, pool, scheduler)
 * runs on one {@link ManualLoop}, so a test decides when tasks run and how time passes.
 */
final class TestBackends {
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(2);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(16);

    final ManualLoop time = new ManualLoop();
    final List<FakeOllama> ollamas = new ArrayList<>();
    final BackendPool pool;

    TestBackends(int count) {
        List<Backend> backends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            FakeOllama ollama = new FakeOllama();
            ollamas.add(ollama);
            OllamaEndpoint endpoint = new OllamaEndpoint(URI.create("http://gpu" + i + ":11434"));
            AvailabilityMonitor monitor = new AvailabilityMonitor(endpoint, ollama, time.loop(), PROBE_INTERVAL,
                    MAX_BACKOFF, Duration.ofSeconds(1));
            OllamaClient client = new OllamaClient(endpoint, NioSocketChannel.class, Duration.ofSeconds(1),
                    Duration.ofSeconds(1), Duration.ofSeconds(1));
            backends.add(new Backend(i, client, monitor));
        }
        pool = new BackendPool(time.loop(), backends);
    }

    /** Starts the monitors and lets their first probes finish. */
    TestBackends started() {
        pool.start();
        time.runTasks();
        return this;
    }

    FakeOllama ollama(int index) {
        return ollamas.get(index);
    }

    Backend backend(int index) {
        return pool.backends().get(index);
    }

    /** Lets every monitor probe again (one probe interval later) and the queue react. */
    void nextProbes() {
        time.advance(PROBE_INTERVAL);
    }
}
