package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.CancelRequest;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.HistoryCleared;
import io.lanchat.protocol.ListModelsRequest;
import io.lanchat.protocol.ModelInfo;
import io.lanchat.protocol.ModelList;
import io.lanchat.protocol.PingRequest;
import io.lanchat.protocol.Pong;
import io.lanchat.protocol.ProtocolVersion;
import io.lanchat.protocol.ReplyCancelled;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ReplyStarted;
import io.lanchat.protocol.ResetRequest;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.TokenDelta;
import io.lanchat.standin.ChatCall;
import io.lanchat.standin.Message;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class ChatFlowTest {
    private ServerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = ServerFixture.start("--system-prompt", "Be brief.");
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void helloDescribesSessionOllamaAndModels() throws Exception {
        try (TestClient client = fixture.connect()) {
            assertThat(client.hello.protocolVersion()).isEqualTo(ProtocolVersion.CURRENT);
            assertThat(client.hello.sessionId()).hasSizeGreaterThanOrEqualTo(22);   // >= 128 bits in base64
            assertThat(client.hello.ollama().available()).isTrue();
            assertThat(client.hello.models()).extracting(ModelInfo::name)
                    .containsExactlyInAnyOrder("llama3:8b", "qwen2.5:0.5b");
            assertThat(client.hello.defaultModel()).isEqualTo("llama3:8b");
        }
    }

    @Test
    void streamsReplyTokenByTokenThenDoneWithStats() throws Exception {
        try (TestClient client = fixture.connect()) {
            client.send(new ChatRequest("c1", "hello there"));

            List<ServerMessage> frames = client.until(ReplyDone.class);

            assertThat(frames.get(0)).isEqualTo(new ReplyStarted("c1", "llama3:8b", 2, 0));
            List<TokenDelta> tokens = frames.stream().filter(TokenDelta.class::isInstance)
                    .map(TokenDelta.class::cast).toList();
            assertThat(tokens).hasSizeGreaterThan(2);
            assertThat(tokens).extracting(TokenDelta::seq)
                    .containsExactly(java.util.stream.LongStream.range(0, tokens.size()).boxed().toArray(Long[]::new));
            assertThat(tokens).allSatisfy(t -> assertThat(t.id()).isEqualTo("c1"));
            String text = String.join("", tokens.stream().map(TokenDelta::text).toList());
            assertThat(text).contains("hello there");
            ReplyDone done = (ReplyDone) frames.get(frames.size() - 1);
            assertThat(done.id()).isEqualTo("c1");
            assertThat(done.doneReason()).isEqualTo("stop");
            assertThat(done.stats().replyTokens()).isEqualTo(tokens.size());
            assertThat(done.stats().evalDurationNs()).isPositive();
        }
    }

    @Test
    void secondQuestionIsSentWithFirstAnswerAndSystemPrompt() throws Exception {
        try (TestClient client = fixture.connect()) {
            client.send(new ChatRequest("q1", "first question"));
            String firstAnswer = replyText(client);
            client.send(new ChatRequest("q2", "second question"));
            replyText(client);

            ChatCall second = fixture.ollama.chatCalls().get(1);
            assertThat(second.messages()).containsExactly(
                    new Message("system", "Be brief."),
                    new Message("user", "first question"),
                    new Message("assistant", firstAnswer),
                    new Message("user", "second question"));
            assertThat(second.stream()).isTrue();
        }
    }

    @Test
    void twoConnectionsNeverSeeEachOthersHistory() throws Exception {
        try (TestClient alice = fixture.connect(); TestClient bob = fixture.connect()) {
            assertThat(alice.hello.sessionId()).isNotEqualTo(bob.hello.sessionId());
            alice.send(new ChatRequest("a1", "alice secret"));
            bob.send(new ChatRequest("b1", "bob secret"));
            String aliceReply = replyText(alice);
            String bobReply = replyText(bob);
            assertThat(aliceReply).contains("alice secret").doesNotContain("bob");
            assertThat(bobReply).contains("bob secret").doesNotContain("alice");

            alice.send(new ChatRequest("a2", "again"));
            replyText(alice);

            ChatCall aliceSecond = fixture.ollama.chatCalls().get(2);
            assertThat(aliceSecond.messages()).extracting(Message::content)
                    .anySatisfy(c -> assertThat(c).contains("alice secret"))
                    .noneSatisfy(c -> assertThat(c).contains("bob secret"));
        }
    }

    @Test
    void cancelClosesTheUpstreamConnectionAndKeepsPartialInHistory() throws Exception {
        fixture.ollama.setTokenDelay(Duration.ofMillis(50));
        fixture.ollama.setReply(call -> java.util.Collections.nCopies(200, "word "));
        try (TestClient client = fixture.connect()) {
            var cancellation = fixture.ollama.nextCancellation();
            client.send(new ChatRequest("c1", "tell me a long story"));
            client.next(ReplyStarted.class);
            client.next(TokenDelta.class);
            client.next(TokenDelta.class);

            client.send(new CancelRequest("x1"));

            ReplyCancelled cancelled = client.awaitFrame(ReplyCancelled.class);
            assertThat(cancelled.id()).isEqualTo("c1");
            assertThat(cancelled.partialText()).startsWith("word word ");
            cancellation.get(10, TimeUnit.SECONDS);          // the stand-in saw its client go away
            assertThat(fixture.ollama.cancelledStreams()).isEqualTo(1);
            ServerFixture.await(() -> fixture.ollama.openStreams() == 0, "stream closed");

            fixture.ollama.setReply(call -> List.of("ok"));
            client.send(new ChatRequest("c2", "are you there?"));
            client.until(ReplyDone.class);
            ChatCall next = fixture.ollama.chatCalls().get(1);
            assertThat(next.messages().get(2).role()).isEqualTo("assistant");
            assertThat(next.messages().get(2).content()).isEqualTo(cancelled.partialText());
        }
    }

    @Test
    void secondChatWhileReplyingIsRefusedAndFirstReplyContinues() throws Exception {
        fixture.ollama.setTokenDelay(Duration.ofMillis(30));
        try (TestClient client = fixture.connect()) {
            client.send(new ChatRequest("c1", "one two three four five"));
            client.next(ReplyStarted.class);
            client.send(new ChatRequest("c2", "impatient"));

            ErrorMessage error = client.awaitFrame(ErrorMessage.class);
            assertThat(error.id()).isEqualTo("c2");
            assertThat(error.code()).isEqualTo(ErrorCode.REPLY_IN_PROGRESS);
            assertThat(client.awaitFrame(ReplyDone.class).id()).isEqualTo("c1");
        }
    }

    @Test
    void cancelWithNothingStreamingIsAnError() throws Exception {
        try (TestClient client = fixture.connect()) {
            client.send(new CancelRequest("x"));
            ErrorMessage error = client.next(ErrorMessage.class);
            assertThat(error.code()).isEqualTo(ErrorCode.NOTHING_TO_CANCEL);
            assertThat(error.id()).isEqualTo("x");
        }
    }

    @Test
    void resetForgetsTheConversationButKeepsTheSystemPrompt() throws Exception {
        try (TestClient client = fixture.connect()) {
            client.send(new ChatRequest("q1", "remember me"));
            replyText(client);
            client.send(new ResetRequest("r1"));
            assertThat(client.next(HistoryCleared.class).id()).isEqualTo("r1");
            client.send(new ChatRequest("q2", "who am I?"));
            replyText(client);

            assertThat(fixture.ollama.chatCalls().get(1).messages()).containsExactly(
                    new Message("system", "Be brief."), new Message("user", "who am I?"));
        }
    }

    @Test
    void modelsAndPingAreAnsweredWithTheRequestId() throws Exception {
        try (TestClient client = fixture.connect()) {
            client.send(new ListModelsRequest("m1"));
            ModelList models = client.next(ModelList.class);
            assertThat(models.id()).isEqualTo("m1");
            assertThat(models.models()).extracting(ModelInfo::name).contains("qwen2.5:0.5b");
            client.send(new PingRequest("p1"));
            assertThat(client.next(Pong.class).id()).isEqualTo("p1");
        }
    }

    @Test
    void chatCanChooseAnotherModelAndPassOptions() throws Exception {
        try (TestClient client = fixture.connect()) {
            client.send(new ChatRequest("c1", "hi", "qwen2.5:0.5b", Map.of("temperature", 0, "seed", 42)));
            ReplyStarted started = client.next(ReplyStarted.class);
            assertThat(started.model()).isEqualTo("qwen2.5:0.5b");
            client.until(ReplyDone.class);
            ChatCall call = fixture.ollama.chatCalls().get(0);
            assertThat(call.model()).isEqualTo("qwen2.5:0.5b");
            assertThat(call.options()).containsEntry("temperature", 0).containsEntry("seed", 42);
        }
    }

    @Test
    void oldestTurnsAreTrimmedToTheBudgetAndTheUserIsTold() throws Exception {
        try (ServerFixture small = ServerFixture.start("--history-budget-chars", "120", "--system-prompt", "Be brief.");
             TestClient client = small.connect()) {
            small.ollama.setReply(call -> List.of("an answer of some thirty chars"));
            client.send(new ChatRequest("q1", "the first question, rather long"));
            replyText(client);
            client.send(new ChatRequest("q2", "the second question"));
            assertThat(client.next(ReplyStarted.class).trimmedMessages()).isZero();
            client.until(ReplyDone.class);

            client.send(new ChatRequest("q3", "the third question"));
            ReplyStarted third = client.next(ReplyStarted.class);
            client.until(ReplyDone.class);

            assertThat(third.trimmedMessages()).isEqualTo(2);
            ChatCall call = small.ollama.chatCalls().get(2);
            assertThat(call.messages()).extracting(Message::content).containsExactly("Be brief.",
                    "the second question", "an answer of some thirty chars", "the third question");
        }
    }

    static String replyText(TestClient client) throws InterruptedException {
        StringBuilder text = new StringBuilder();
        for (ServerMessage frame : client.until(ReplyDone.class)) {
            if (frame instanceof TokenDelta token) {
                text.append(token.text());
            } else if (frame instanceof ErrorMessage error) {
                throw new AssertionError("unexpected error " + error);
            }
        }
        return text.toString();
    }
}
