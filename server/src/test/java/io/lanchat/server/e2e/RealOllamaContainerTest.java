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
}
