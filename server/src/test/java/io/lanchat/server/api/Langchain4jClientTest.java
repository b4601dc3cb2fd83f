package io.lanchat.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaModel;
import dev.langchain4j.model.ollama.OllamaModels;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import io.lanchat.standin.ChatCall;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * langchain4j-ollama, a Java client from Maven Central, pointed at the server's API port with only its base URL
 * (and the token in its custom headers) changed: it chats, streams token by token, cancels, and lists models as
 * against Ollama.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class Langchain4jClientTest {
    private static final String TOKEN = "ada-token-0123456789";
    private static final String MODEL = "llama3:8b";
    private static ApiFixture fixture;
    private static String baseUrl;

    @BeforeAll
    static void start() throws Exception {
        fixture = ApiFixture.start("--access-tokens", "ada:" + TOKEN, "--client-messages-per-minute", "1000");
        baseUrl = "http://127.0.0.1:" + fixture.server.apiPort();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void chatsWithTheTokenInItsCustomHeaders() {
        fixture.ollama.setReply(call -> List.of("Hel", "lo"));
        OllamaChatModel model = OllamaChatModel.builder().baseUrl(baseUrl).modelName(MODEL)
                .customHeaders(Map.of("Authorization", "Bearer " + TOKEN)).timeout(ApiFixture.WAIT).build();

        ChatResponse response = model.chat(UserMessage.from("hi"));

        assertThat(response.aiMessage().text()).isEqualTo("Hello");
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(2);
        assertThat(fixture.ollama.chatCalls()).last().extracting(ChatCall::lastUserContent).isEqualTo("hi");
    }

    @Test
    void isRefusedWithoutTheToken() {
        OllamaChatModel model = OllamaChatModel.builder().baseUrl(baseUrl).modelName(MODEL).maxRetries(0)
                .timeout(ApiFixture.WAIT).build();

        assertThatThrownBy(() -> model.chat(UserMessage.from("hi"))).hasMessageContaining("unauthorized");
    }

    @Test
    void streamsTokenByToken() throws Exception {
        fixture.ollama.setReply(call -> List.of("Once", " upon", " a", " time"));
        List<String> parts = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        streaming().chat(List.of(UserMessage.from("tell")), new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String part) {
                parts.add(part);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });

        assertThat(done.get(20, TimeUnit.SECONDS).aiMessage().text()).isEqualTo("Once upon a time");
        assertThat(parts).containsExactly("Once", " upon", " a", " time");
    }

    @Test
    void cancellingAStreamStopsTheGenerationAndFreesTheSlot() throws Exception {
        fixture.ollama.setTokenDelay(Duration.ofMillis(50));
        fixture.ollama.setReply(call -> Collections.nCopies(200, "word "));
        CompletableFuture<ChatCall> cancelled = fixture.ollama.nextCancellation();
        CompletableFuture<String> first = new CompletableFuture<>();
        try {
            streaming().chat(List.of(UserMessage.from("stop me")), new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(PartialResponse part, PartialResponseContext context) {
                    context.streamingHandle().cancel();
                    first.complete(part.text());
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                    first.completeExceptionally(new AssertionError("completed although cancelled"));
                }

                @Override
                public void onError(Throwable error) {
                    first.completeExceptionally(error);
                }
            });

            assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo("word ");
            assertThat(cancelled.get(20, TimeUnit.SECONDS).lastUserContent()).isEqualTo("stop me");
            awaitNoSlotHeld();
        } finally {
            fixture.ollama.setTokenDelay(Duration.ZERO);
        }
    }

    /** OllamaModels takes no custom headers (1.18.1), so the listing is shown against a server without tokens. */
    @Test
    void listsTheModels() throws Exception {
        try (ApiFixture open = ApiFixture.start()) {
            OllamaModels models = OllamaModels.builder()
                    .baseUrl("http://127.0.0.1:" + open.server.apiPort()).timeout(ApiFixture.WAIT).build();

            List<OllamaModel> available = models.availableModels().content();

            assertThat(available).extracting(OllamaModel::getName)
                    .containsExactlyInAnyOrder("llama3:8b", "qwen2.5:0.5b");
        }
    }

    private static OllamaStreamingChatModel streaming() {
        return OllamaStreamingChatModel.builder().baseUrl(baseUrl).modelName(MODEL)
                .customHeaders(Map.of("Authorization", "Bearer " + TOKEN)).timeout(ApiFixture.WAIT).build();
    }

    /** The slot goes back on the scheduler's loop once the server saw the client go: no timing assumed. */
    private static void awaitNoSlotHeld() throws InterruptedException {
        long deadline = System.nanoTime() + ApiFixture.WAIT.toNanos();
        while (fixture.server.scheduler().running() != 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the cancelled stream still holds a slot");
            }
            Thread.sleep(10);
        }
    }
}
