package io.lanchat.server.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ModelInfo;
import io.lanchat.protocol.OllamaStatus;
import io.lanchat.server.monitor.AvailabilityListener;
import io.lanchat.server.monitor.AvailabilityMonitor;
import io.lanchat.server.monitor.FakeOllama;
import io.lanchat.server.ollama.OllamaClient;
import io.lanchat.server.ollama.OllamaEndpoint;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The combined view of several backends, each watched on its own loop as in the server. */
final class BackendPoolTest {
    private final List<EventLoop> loops = new ArrayList<>();

    @AfterEach
    void stopLoops() {
        loops.forEach(l -> l.shutdownGracefully(0, 1, TimeUnit.SECONDS));
    }

    private EventLoop newLoop() {
        EventLoop loop = new DefaultEventLoop();
        loops.add(loop);
        return loop;
    }

    private Backend backend(int index) {
        OllamaEndpoint endpoint = new OllamaEndpoint(URI.create("http://gpu" + index + ":11434"));
        // A long interval: only what the test reports changes the state.
        AvailabilityMonitor monitor = new AvailabilityMonitor(endpoint, new FakeOllama(), newLoop(),
                Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofSeconds(1));
        return new Backend(index, new OllamaClient(endpoint, NioSocketChannel.class, Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1)), monitor);
    }

    /**
     * Issue 11, item 13: two backends change at nearly the same time. Whatever order the broadcasts are delivered
     * in, the last one must carry the latest combined state. The listener is held back while it delivers the
     * first change, as a busy thread would be, until the second change has been combined (or half a second).
     */
    @Test
    void theLastBroadcastCarriesTheLatestState() throws Exception {
        Backend a = backend(0);
        Backend b = backend(1);
        BackendPool pool = new BackendPool(newLoop(), List.of(a, b));
        pool.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pool.state().status().backendsUp() != 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(pool.state().status().backendsUp()).isEqualTo(2);
        CountDownLatch firstDelivering = new CountDownLatch(1);
        CountDownLatch secondCombined = new CountDownLatch(1);
        List<Integer> delivered = new CopyOnWriteArrayList<>();
        pool.addListener(new AvailabilityListener() {
            @Override
            public void availabilityChanged(OllamaStatus status) {
                if (status.backendsUp() == 1) {
                    firstDelivering.countDown();
                    await(secondCombined);
                } else {
                    secondCombined.countDown();
                }
                delivered.add(status.backendsUp());
            }

            @Override
            public void modelsChanged(List<ModelInfo> models) {
            }
        });

        a.monitor().reportUnreachable("A is gone.");
        assertThat(firstDelivering.await(5, TimeUnit.SECONDS)).isTrue();
        b.monitor().reportUnreachable("B is gone.");
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (delivered.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        assertThat(pool.state().status().backendsUp()).isZero();
        assertThat(delivered).hasSize(2).last().isEqualTo(0);
        pool.close();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
