package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ReplyStarted;
import io.lanchat.protocol.RetryRequest;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.TokenDelta;
import io.lanchat.standin.ChatCall;
import io.lanchat.standin.Fault;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every way Ollama can fail gives the user a clear error, keeps the user's message for a retry, and leaves the
 * connection open.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class OllamaFaultsTest {
    private ServerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = ServerFixture.start("--first-token-timeout", "700ms", "--token-idle-timeout", "500ms");
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ERROR_MID_STREAM        |ollama_error  |an error was encountered while running the model",
            "ERROR_FIRST_LINE_LEGACY |ollama_error  |Ollama failed while answering",
            "HTTP_500                |ollama_error  |model runner has unexpectedly stopped",
            "HTTP_503_BUSY           |ollama_busy   |busy",
            "END_WITHOUT_DONE        |ollama_error  |before it was complete",
            "RESET_MID_STREAM        |ollama_error  |before the reply was complete",
            "STALL_BEFORE_FIRST_TOKEN|ollama_timeout|did not start answering within 0.7 s",
            "STALL_MID_STREAM        |ollama_timeout|stopped sending for 0.5 s",
            "MALFORMED_LINE          |ollama_error  |malformed"})
    void faultGivesClearErrorAndRetrySendsTheKeptMessage(Fault fault, String code, String hint) throws Exception {
        try (TestClient client = fixture.connect()) {
            fixture.ollama.setFault(fault);
            client.send(new ChatRequest("c1", "my precious question"));

            ErrorMessage error = client.awaitFrame(ErrorMessage.class);
            assertThat(error.id()).isEqualTo("c1");
            assertThat(error.code().wireName()).isEqualTo(code);
            assertThat(error.message()).contains(hint).contains("kept");
            assertThat(error.retryable()).isTrue();

            fixture.awaitOllama(true);
            fixture.ollama.setFault(Fault.NONE);
            client.send(new RetryRequest("r1", null));
            String reply = ChatFlowTest.replyText(client);

            assertThat(reply).contains("my precious question");
            List<ChatCall> calls = fixture.ollama.chatCalls();
            ChatCall retried = calls.get(calls.size() - 1);
            assertThat(retried.messages()).hasSize(1);     // the failed attempt left nothing in history
            assertThat(retried.lastUserContent()).isEqualTo("my precious question");
            ServerFixture.await(() -> fixture.server.openOllamaStreams() == 0, "no upstream connection left open");
        }
    }

    @Test
    void splitLinesAndSplitUtf8CharactersArriveIntact() throws Exception {
        fixture.ollama.setFault(Fault.SPLIT_CHUNKS);
        fixture.ollama.setReply(call -> List.of("héllo ", "wörld ", "— 日本語 ", "🦙"));
        try (TestClient client = fixture.connect()) {
            client.send(new ChatRequest("c1", "unicode please"));

            assertThat(ChatFlowTest.replyText(client)).isEqualTo("héllo wörld — 日本語 🦙");
        }
    }

    @Test
    void firstTokenTimeoutClosesTheUpstreamConnection() throws Exception {
        fixture.ollama.setFault(Fault.STALL_BEFORE_FIRST_TOKEN);
        try (TestClient client = fixture.connect()) {
            client.send(new ChatRequest("c1", "anyone?"));

            assertThat(client.awaitFrame(ErrorMessage.class).code()).isEqualTo(ErrorCode.OLLAMA_TIMEOUT);
            // The stand-in cannot see a client leave a silent request, so look from our side.
            ServerFixture.await(() -> fixture.server.openOllamaStreams() == 0, "stalled stream closed by the server");
        }
    }

    @Test
    void missingModelIsRefusedWithThePullCommandAndNoCallToOllama() throws Exception {
        try (TestClient client = fixture.connect()) {
            client.send(new ChatRequest("c1", "hi", "mistral:7b", null));

            ErrorMessage error = client.next(ErrorMessage.class);
            assertThat(error.code()).isEqualTo(ErrorCode.MODEL_NOT_FOUND);
            assertThat(error.message()).contains("ollama pull mistral:7b");
            assertThat(error.retryable()).isTrue();
            assertThat(fixture.ollama.chatCalls()).isEmpty();

            client.send(new RetryRequest("r1", "qwen2.5:0.5b"));
            assertThat(client.next(ReplyStarted.class).model()).isEqualTo("qwen2.5:0.5b");
            client.until(ReplyDone.class);
        }
    }

    @Test
    void modelRemovedSinceTheLastProbeGivesModelNotFoundFromOllamasOwn404() throws Exception {
        try (ServerFixture slow = ServerFixture.start("--probe-interval", "1h");
             TestClient client = slow.connect()) {
            slow.ollama.setModels("qwen2.5:0.5b");

            client.send(new ChatRequest("c1", "hi", "llama3:8b", null));

            ErrorMessage error = client.next(ErrorMessage.class);
            assertThat(error.code()).isEqualTo(ErrorCode.MODEL_NOT_FOUND);
            assertThat(error.message()).contains("ollama pull llama3:8b");
            assertThat(slow.ollama.chatCalls()).hasSize(1);
        }
    }

    @Test
    void ollamaDownGivesUnavailableAndRetryWorksOnceItIsBack() throws Exception {
        try (TestClient client = fixture.connect()) {
            fixture.ollama.stop();
            fixture.awaitOllama(false);

            client.send(new ChatRequest("c1", "are you up?"));
            ErrorMessage error = client.awaitFrame(ErrorMessage.class);
            assertThat(error.code()).isEqualTo(ErrorCode.OLLAMA_UNAVAILABLE);
            // Said for users: the address and the administrator's fix stay in the log and /healthz.
            assertThat(error.message()).contains("cannot be reached").contains("Your message is kept")
                    .doesNotContain("127.0.0.1").doesNotContain("ollama serve");
            assertThat(error.retryable()).isTrue();

            fixture.ollama.restart();
            fixture.awaitOllama(true);
            client.send(new RetryRequest("r1", null));
            assertThat(ChatFlowTest.replyText(client)).contains("are you up?");
        }
    }

    @Test
    void retryWithNothingPendingIsAnError() throws Exception {
        try (TestClient client = fixture.connect()) {
            client.send(new RetryRequest("r1", null));

            ErrorMessage error = client.next(ErrorMessage.class);
            assertThat(error.code()).isEqualTo(ErrorCode.NOTHING_TO_RETRY);
        }
    }

    @Test
    void partialReplyBeforeAMidStreamErrorIsNotKept() throws Exception {
        fixture.ollama.setFault(Fault.ERROR_MID_STREAM);
        try (TestClient client = fixture.connect()) {
            client.send(new ChatRequest("c1", "first"));
            List<ServerMessage> frames = client.until(ErrorMessage.class);
            assertThat(frames).anyMatch(TokenDelta.class::isInstance);

            fixture.ollama.setFault(Fault.NONE);
            client.send(new ChatRequest("c2", "second"));
            client.until(ReplyDone.class);

            ChatCall last = fixture.ollama.chatCalls().get(1);
            assertThat(last.messages()).hasSize(1);
            assertThat(last.lastUserContent()).isEqualTo("second");
        }
    }
}
