package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.TokenDelta;
import io.lanchat.server.ChatServer;
import io.lanchat.server.config.ConfigLoader;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.containers.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.ollama.OllamaContainer;

/**
 * The same multi-turn chat against the real Ollama image with a tiny model. Needs Docker: where no Docker
 * engine runs, JUnit reports it as skipped (disabledWithoutDocker) rather than failing.
 */
@Testcontainers(disabledWithoutDocker = true)
@Timeout(value = 15, unit = TimeUnit.MINUTES)
final class RealOllamaContainerTest {
    private static final String MODEL = "qwen2.5:0.5b";
    /** The smallest thinking model in Ollama's library (about 523 MB). */
    private static final String THINKING_MODEL = "qwen3:0.6b";

    @org.testcontainers.junit.jupiter.Container
    static final OllamaContainer OLLAMA = new OllamaContainer("ollama/ollama:0.12.6");

    @Test
    void multiTurnChatStreamsFromRealOllama() throws Exception {
        Container.ExecResult pull = OLLAMA.execInContainer("ollama", "pull", MODEL);
        assertThat(pull.getExitCode()).as(pull.getStderr()).isZero();
        String[] args = {"--bind", "127.0.0.1", "--port", "0", "--database", "none", "--ollama-host", OLLAMA.getEndpoint(),
                "--model", MODEL, "--probe-interval", "200ms"};
        try (ChatServer server = ChatServer.start(ConfigLoader.load(args, name -> null))) {
            ServerFixture.await(() -> server.backends().state().hasModel(MODEL), "model visible");
            try (TestClient client = TestClient.connect(server.port())) {
                client.send(new ChatRequest("q1", "My name is Ada. Reply with one word: OK.", null,
                        java.util.Map.of("temperature", 0, "num_predict", 16)));
                List<ServerMessage> first = client.until(ReplyDone.class);
                assertThat(first).anyMatch(TokenDelta.class::isInstance);

                client.send(new ChatRequest("q2", "What is my name? One word.", null,
                        java.util.Map.of("temperature", 0, "num_predict", 16)));
                StringBuilder answer = new StringBuilder();
                for (ServerMessage frame : client.until(ReplyDone.class)) {
                    if (frame instanceof TokenDelta token) {
                        answer.append(token.text());
                    }
                }
                assertThat(answer.toString()).containsIgnoringCase("Ada");
            }
        }
    }

    @Test
    void aThinkingModelsReasoningStreamsApartBeforeItsAnswerAndThinkOffStopsIt() throws Exception {
        Container.ExecResult pull = OLLAMA.execInContainer("ollama", "pull", THINKING_MODEL);
        assertThat(pull.getExitCode()).as(pull.getStderr()).isZero();
        String[] args = {"--bind", "127.0.0.1", "--port", "0", "--database", "none", "--ollama-host",
                OLLAMA.getEndpoint(), "--model", THINKING_MODEL, "--probe-interval", "200ms"};
        try (ChatServer server = ChatServer.start(ConfigLoader.load(args, name -> null))) {
            ServerFixture.await(() -> server.backends().state().models().stream()
                    .anyMatch(m -> m.name().startsWith("qwen3") && m.has("thinking")), "thinking model visible");
            try (TestClient client = TestClient.connect(server.port())) {
                client.send(new ChatRequest("t1", "What is 17 + 25? Answer with the number.", null,
                        java.util.Map.of("temperature", 0, "num_predict", 512)));
                List<ServerMessage> thought = client.until(ReplyDone.class);
                int firstThinking = indexOf(thought, io.lanchat.protocol.ThinkingDelta.class);
                int firstToken = indexOf(thought, TokenDelta.class);
                assertThat(firstThinking).as("reasoning streamed").isNotNegative();
                assertThat(firstToken).as("reasoning before the answer").isGreaterThan(firstThinking);
                assertThat(thought).filteredOn(TokenDelta.class::isInstance)
                        .noneMatch(f -> ((TokenDelta) f).text().contains("<think>"));

                client.send(new ChatRequest("t2", "What is 2 + 2? Answer with the number.", null,
                        java.util.Map.of("temperature", 0, "num_predict", 64), io.lanchat.protocol.ThinkMode.OFF));
                assertThat(client.until(ReplyDone.class)).noneMatch(io.lanchat.protocol.ThinkingDelta.class::isInstance);
            }
        }
    }

    private static int indexOf(List<ServerMessage> frames, Class<?> type) {
        for (int i = 0; i < frames.size(); i++) {
            if (type.isInstance(frames.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
