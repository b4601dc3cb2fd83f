package io.lanchat.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ModelInfo;
import io.lanchat.protocol.OllamaStatus;
import io.lanchat.server.ollama.OllamaEndpoint;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The monitor on a manual loop and clock, probing a fake Ollama: one edge case per test. */
final class AvailabilityMonitorTest {
    private static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(16);

    private final ManualLoop time = new ManualLoop();
    private final FakeOllama ollama = new FakeOllama();
    private final List<String> heard = new ArrayList<>();
    private final AvailabilityMonitor monitor = new AvailabilityMonitor(
            new OllamaEndpoint(URI.create("http://gpu:11434")), ollama, time.loop(), INTERVAL, MAX_BACKOFF,
            Duration.ofSeconds(1));

    AvailabilityMonitorTest() {
        monitor.addListener(new AvailabilityListener() {
            @Override
            public void availabilityChanged(OllamaStatus status) {
                heard.add(status.available() ? "up" : "down");
            }

            @Override
            public void modelsChanged(List<ModelInfo> models) {
                heard.add("models " + models.stream().map(ModelInfo::name).toList());
            }
        });
    }

    private void started() {
        monitor.start();
        time.runTasks();
    }

    @Test
    void theFirstProbeFindsOllamaUpWithItsModels() {
        ollama.models("llama3:8b").loaded("llama3:8b");

        started();

        assertThat(monitor.isAvailable()).isTrue();
        assertThat(monitor.state().hasModel("llama3:8b")).isTrue();
        assertThat(monitor.state().isLoaded("llama3:8b")).isTrue();
        assertThat(heard).containsExactly("up", "models [llama3:8b]");
    }

    @Test
    void whileUpItProbesEveryInterval() {
        started();

        time.advance(INTERVAL);
        time.advance(INTERVAL);

        assertThat(ollama.probes()).isEqualTo(3);
    }

    @Test
    void whileDownTheWaitDoublesUpToTheMaximum() {
        ollama.up(false);
        started();
        List<Long> probedAt = new ArrayList<>();
        long start = time.nanoTime();
        for (int second = 1; second <= 60; second++) {
            long before = ollama.probes();
            time.advance(Duration.ofSeconds(1));
            if (ollama.probes() > before) {
                probedAt.add(Duration.ofNanos(time.nanoTime() - start).toSeconds());
            }
        }

        assertThat(probedAt).containsExactly(2L, 6L, 14L, 30L, 46L);   // waits 2, 4, 8, 16, 16
        assertThat(heard).containsExactly("down");
    }

    @Test
    void recoveryMakesTheWaitShortAgain() {
        ollama.up(false);
        started();
        time.advance(Duration.ofSeconds(2));
        time.advance(Duration.ofSeconds(4));          // next wait would be 8 s
        ollama.up(true);
        time.advance(Duration.ofSeconds(8));
        assertThat(monitor.isAvailable()).isTrue();
        ollama.up(false);
        long before = ollama.probes();

        time.advance(INTERVAL);

        assertThat(ollama.probes()).isEqualTo(before + 1);
        assertThat(monitor.isAvailable()).isFalse();
        assertThat(heard).containsExactly("down", "up", "models [llama3:8b]", "down", "models []");
    }

    @Test
    void listenersHearChangesOnly() {
        started();

        time.advance(INTERVAL);
        time.advance(INTERVAL);
        ollama.models("llama3:8b", "qwen2.5:0.5b");
        time.advance(INTERVAL);

        assertThat(heard).containsExactly("up", "models [llama3:8b]", "models [llama3:8b, qwen2.5:0.5b]");
    }

    @Test
    void aReportedFailureMarksOllamaDownAtOnce() {
        started();

        monitor.reportUnreachable("Ollama is not running.");
        time.runTasks();

        assertThat(monitor.isAvailable()).isFalse();
        assertThat(monitor.state().status().reason()).isEqualTo("Ollama is not running.");
        time.advance(INTERVAL);
        assertThat(monitor.isAvailable()).isTrue();
    }

    /** Issue 11, item 13: every refused chat asked for a probe at once, whatever the backoff said. */
    @Test
    void probeSoonWhileDownKeepsToTheBackoff() {
        ollama.up(false);
        started();
        time.advance(Duration.ofSeconds(2));
        time.advance(Duration.ofSeconds(4));          // now waiting 8 s
        long before = ollama.probes();

        for (int i = 0; i < 100; i++) {
            monitor.probeSoon();                      // a hundred refused chats
            time.advance(Duration.ofMillis(10));
        }

        assertThat(ollama.probes()).isEqualTo(before);
        time.advance(Duration.ofSeconds(8));
        assertThat(ollama.probes()).isEqualTo(before + 1);
    }

    @Test
    void probeSoonRequestsCoalesceIntoOneProbe() {
        started();
        long before = ollama.probes();

        for (int i = 0; i < 50; i++) {
            monitor.probeSoon();
        }
        time.advance(Duration.ofSeconds(1));

        assertThat(ollama.probes()).isEqualTo(before + 1);
    }

    @Test
    void probeSoonWhileAProbeIsInFlightWaitsForItsAnswer() {
        started();
        ollama.hold();
        time.advance(INTERVAL);                       // a probe is in flight
        long before = ollama.probes();

        monitor.probeSoon();
        time.advance(Duration.ofMillis(500));

        assertThat(ollama.probes()).isEqualTo(before);
        ollama.answerHeld();
        time.runTasks();
        assertThat(monitor.isAvailable()).isTrue();
    }

    @Test
    void repeatedReportsDoNotPostponeTheNextProbe() {
        started();
        long before = ollama.probes();

        for (int i = 0; i < 30; i++) {
            monitor.reportUnreachable("Ollama is not running.");
            time.advance(Duration.ofMillis(100));     // a failure every 100 ms, for 3 s
        }

        assertThat(ollama.probes()).isGreaterThan(before);
    }

    @Test
    void aClosedMonitorProbesNoMore() {
        started();

        monitor.close();
        time.runTasks();
        time.advance(INTERVAL.multipliedBy(3));

        assertThat(ollama.probes()).isEqualTo(1);
    }
}
