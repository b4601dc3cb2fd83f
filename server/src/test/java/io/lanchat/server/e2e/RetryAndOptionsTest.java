package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.ModelInfo;
import io.lanchat.protocol.ReplyStarted;
import io.lanchat.protocol.ResumeRequest;
import io.lanchat.protocol.Resumed;
import io.lanchat.protocol.RetryRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retry keeps what the failed message was sent with; options are checked against the server's ranges. */
final class RetryAndOptionsTest {
    private ServerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = ServerFixture.start();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void retryWithoutAModelUsesTheModelTheFailedMessageNamed() throws Exception {
        try (TestClient client = fixture.connect()) {
            client.send(new ChatRequest("c1", "hello mistral", "mistral:7b", Map.of("temperature", 0.2)));
            assertThat(client.awaitFrame(ErrorMessage.class).code()).isEqualTo(ErrorCode.MODEL_NOT_FOUND);

            // The user runs `ollama pull mistral:7b`, then presses Retry.
            fixture.ollama.setModels("llama3:8b", "qwen2.5:0.5b", "mistral:7b");
            ServerFixture.await(() -> fixture.server.backends().state().models().stream()
                    .map(ModelInfo::name).anyMatch("mistral:7b"::equals), "mistral:7b installed");
            client.send(new RetryRequest("r1", null));

            assertThat(client.awaitFrame(ReplyStarted.class).model()).isEqualTo("mistral:7b");
            ChatFlowTest.replyText(client);
            var call = fixture.ollama.chatCalls().get(0);
            assertThat(call.model()).isEqualTo("mistral:7b");
            assertThat(call.options()).containsEntry("temperature", 0.2);
        }
    }

    @Test
    void retryAfterAReconnectStillUsesTheModelAndOptionsTheMessageWasSentWith() throws Exception {
        TestClient first = fixture.connect();
        first.send(new ChatRequest("c1", "hello mistral", "mistral:7b", Map.of("seed", 7)));
        assertThat(first.awaitFrame(ErrorMessage.class).code()).isEqualTo(ErrorCode.MODEL_NOT_FOUND);
        first.close();                                   // the tab reloads: this conversation leaves memory

        fixture.ollama.setModels("llama3:8b", "qwen2.5:0.5b", "mistral:7b");
        ServerFixture.await(() -> fixture.server.backends().state().models().stream()
                .map(ModelInfo::name).anyMatch("mistral:7b"::equals), "mistral:7b installed");
        try (TestClient second = fixture.connect()) {
            second.send(new ResumeRequest("s1", first.hello.sessionId(), first.hello.resumeSecret(), null, null));
            assertThat(second.awaitFrame(Resumed.class).pending()).isEqualTo("hello mistral");
            second.send(new RetryRequest("r1", null));
            assertThat(second.awaitFrame(ReplyStarted.class).model()).isEqualTo("mistral:7b");
            ChatFlowTest.replyText(second);
            assertThat(fixture.ollama.chatCalls().get(0).options()).isEqualTo(Map.of("seed", 7));
        }
    }

    @Test
    void aRateLimitedChatWithForbiddenOptionsIsRefusedForItsOptionsAndNotKept() throws Exception {
        try (ServerFixture limited = ServerFixture.start("--messages-per-minute", "1");
             TestClient client = limited.connect()) {
            client.send(new ChatRequest("c1", "fine"));
            ChatFlowTest.replyText(client);

            client.send(new ChatRequest("c2", "sneaky", null, Map.of("num_gpu", 0)));
            ErrorMessage refused = client.awaitFrame(ErrorMessage.class);
            assertThat(refused.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(refused.retryable()).isFalse();
            assertThat(limited.server.sessions().find(client.hello.sessionId()).orElseThrow().pending()).isNull();
        }
    }

    @Test
    void retryWithAModelUsesThatOne() throws Exception {
        try (TestClient client = fixture.connect()) {
            client.send(new ChatRequest("c1", "hello mistral", "mistral:7b", null));
            client.awaitFrame(ErrorMessage.class);
            client.send(new RetryRequest("r1", "qwen2.5:0.5b"));
            assertThat(client.awaitFrame(ReplyStarted.class).model()).isEqualTo("qwen2.5:0.5b");
        }
    }

    @Test
    void anOptionThatWouldReloadTheModelForEveryoneIsRefusedAndNothingReachesOllama() throws Exception {
        try (TestClient client = fixture.connect()) {
            client.send(new ChatRequest("c1", "big context please", null, Map.of("num_ctx", 131072)));
            ErrorMessage error = client.awaitFrame(ErrorMessage.class);
            assertThat(error.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(error.message()).contains("num_ctx is not allowed");
            assertThat(error.retryable()).isFalse();

            client.send(new ChatRequest("c2", "fine", null, Map.of("num_predict", 100000)));
            assertThat(client.awaitFrame(ErrorMessage.class).message()).contains("from 1 to 8192");
            assertThat(fixture.ollama.chatCalls()).isEmpty();
        }
    }

    @Test
    void theAdministratorCanAllowAnOptionWithinARange() throws Exception {
        try (ServerFixture wide = ServerFixture.start("--option-ranges", "num_ctx=2048..16384");
             TestClient client = wide.connect()) {
            client.send(new ChatRequest("c1", "a bigger context", null, Map.of("num_ctx", 8192)));
            ChatFlowTest.replyText(client);
            assertThat(wide.ollama.chatCalls().get(0).options()).isEqualTo(Map.of("num_ctx", 8192));
            assertThat(List.of(wide.ollama.chatCalls().size())).containsExactly(1);
        }
    }
}
