package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * However chats race in from many connections (and so from every event loop at once), Ollama never runs more
 * generations than {@code --parallel} allows, every chat is served, and every slot is given back.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
final class GenerationSlotsTest {
    private static final int CLIENTS = 12;
    private static final int ROUNDS = 3;

    @Test
    void simultaneousChatsNeverRunMoreGenerationsThanTheSlots() throws Exception {
        try (ServerFixture fixture = ServerFixture.start("--parallel", "2", "--client-messages-per-minute", "1000");
             var senders = new Senders(CLIENTS)) {
            fixture.ollama.setNumParallel(CLIENTS);          // Ollama itself would run them all: the limit is ours
            fixture.ollama.setTokenDelay(Duration.ofMillis(5));
            fixture.ollama.setReply(call -> Collections.nCopies(5, call.lastUserContent() + " "));
            List<TestClient> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(fixture.connect());
            }

            for (int round = 0; round < ROUNDS; round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> sent = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    TestClient client = clients.get(i);
                    String text = "r" + round + "u" + i;
                    sent.add(senders.pool.submit(() -> {
                        go.await();
                        client.send(new ChatRequest(text, text));
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : sent) {
                    f.get(10, TimeUnit.SECONDS);
                }
                for (int i = 0; i < CLIENTS; i++) {
                    String text = "r" + round + "u" + i;
                    assertThat(ChatFlowTest.replyText(clients.get(i))).isEqualTo((text + " ").repeat(5));
                }
            }

            assertThat(fixture.ollama.chatCalls()).hasSize(CLIENTS * ROUNDS);
            assertThat(fixture.ollama.mostConcurrentGenerations()).as("generations at once at Ollama")
                    .isBetween(1, 2);
            ServerFixture.await(() -> fixture.server.scheduler().running() == 0, "every slot given back");
            assertThat(fixture.server.scheduler().queueLength()).isZero();
            clients.forEach(TestClient::close);
        }
    }

    /** Threads that send at the same moment. */
    private record Senders(ExecutorService pool) implements AutoCloseable {
        Senders(int threads) {
            this(Executors.newFixedThreadPool(threads));
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }
}
