package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ReplyStarted;
import io.lanchat.protocol.ResumeRequest;
import io.lanchat.protocol.Resumed;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.TokenDelta;
import io.lanchat.standin.ChatCall;
import io.lanchat.standin.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A reply belongs to the session, not the socket: it survives a dropped connection, nothing lost or duplicated. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class ResumeTest {
    private static final List<String> WORDS = IntStream.range(0, 30).mapToObj(i -> "w" + i + " ").toList();
    private ServerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = ServerFixture.start("--resume-grace", "2s");
        fixture.ollama.setTokenDelay(Duration.ofMillis(40));
        fixture.ollama.setReply(call -> WORDS);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void replyGoesOnAfterADropAndTheResumedClientGetsExactlyTheMissedRest() throws Exception {
        TestClient first = fixture.connect();
        first.send(new ChatRequest("c1", "count for me"));
        first.next(ReplyStarted.class);
        List<TokenDelta> before = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            before.add(first.next(TokenDelta.class));
        }
        first.close();                          // the Wi-Fi blips
        Thread.sleep(300);                      // ... while the reply goes on

        try (TestClient second = fixture.connect()) {
            second.send(new ResumeRequest("r1", first.hello.sessionId(), first.hello.resumeSecret(), "c1", 4L));

            Resumed resumed = second.next(Resumed.class);
            assertThat(resumed.id()).isEqualTo("r1");
            assertThat(resumed.sessionId()).isEqualTo(first.hello.sessionId());
            assertThat(resumed.history()).isEmpty();
            assertThat(resumed.reply().id()).isEqualTo("c1");
            assertThat(resumed.reply().nextSeq()).isEqualTo(5);
            List<ServerMessage> rest = second.until(ReplyDone.class);
            List<TokenDelta> after = rest.stream().filter(TokenDelta.class::isInstance).map(TokenDelta.class::cast).toList();

            List<TokenDelta> all = new ArrayList<>(before);
            all.addAll(after);
            assertThat(all).extracting(TokenDelta::seq)
                    .containsExactlyElementsOf(IntStream.range(0, 30).mapToObj(i -> (long) i).toList());
            assertThat(String.join("", all.stream().map(TokenDelta::text).toList())).isEqualTo(String.join("", WORDS));
            assertThat(fixture.ollama.cancelledStreams()).isZero();
        }
    }

    @Test
    void resumeWithoutALastSeqReplaysTheWholeReplySoFar() throws Exception {
        TestClient first = fixture.connect();
        first.send(new ChatRequest("c1", "count"));
        first.next(ReplyStarted.class);
        first.next(TokenDelta.class);
        first.close();

        try (TestClient second = fixture.connect()) {
            second.send(new ResumeRequest(null, first.hello.sessionId(), first.hello.resumeSecret(), null, null));

            assertThat(second.next(Resumed.class).reply().nextSeq()).isZero();
            String text = ChatFlowTest.replyText(second);
            assertThat(text).isEqualTo(String.join("", WORDS));
        }
    }

    @Test
    void replyFinishedWhileAwayIsInTheRestoredHistoryAndTheConversationGoesOn() throws Exception {
        TestClient first = fixture.connect();
        first.send(new ChatRequest("c1", "count"));
        first.next(ReplyStarted.class);
        first.close();
        ServerFixture.await(() -> fixture.server.openOllamaStreams() == 0, "reply finished");

        try (TestClient second = fixture.connect()) {
            second.send(new ResumeRequest("r1", first.hello.sessionId(), first.hello.resumeSecret(), "c1", 0L));

            Resumed resumed = second.next(Resumed.class);
            assertThat(resumed.reply()).isNull();
            assertThat(resumed.history()).containsExactly(
                    new HistoryMessage("user", "count", false, null, false, 0, null),
                    new HistoryMessage("assistant", String.join("", WORDS), false, "llama3:8b", false, 1, null));

            fixture.ollama.setReply(null);
            second.send(new ChatRequest("c2", "and now?"));
            ChatFlowTest.replyText(second);
            ChatCall call = fixture.ollama.chatCalls().get(1);
            assertThat(call.messages()).containsExactly(new Message("user", "count"),
                    new Message("assistant", String.join("", WORDS)), new Message("user", "and now?"));
        }
    }

    @Test
    void nobodyResumingWithinTheGraceCancelsTheReplyAndKeepsThePartial() throws Exception {
        var cancellation = fixture.ollama.nextCancellation();
        fixture.ollama.setReply(call -> java.util.Collections.nCopies(500, "slow "));
        TestClient first = fixture.connect();
        first.send(new ChatRequest("c1", "take your time"));
        first.next(ReplyStarted.class);
        first.close();

        cancellation.get(10, TimeUnit.SECONDS);     // after the 2 s grace, the GPU is freed
        ServerFixture.await(() -> fixture.server.openOllamaStreams() == 0, "upstream closed");

        try (TestClient second = fixture.connect()) {
            second.send(new ResumeRequest("r1", first.hello.sessionId(), first.hello.resumeSecret(), "c1", 0L));
            Resumed resumed = second.next(Resumed.class);
            assertThat(resumed.reply()).isNull();
            assertThat(resumed.history()).hasSize(2);
            assertThat(resumed.history().get(1).cancelled()).isTrue();
            assertThat(resumed.history().get(1).content()).startsWith("slow slow ");
        }
    }

    @Test
    void nobodyCanResumeSomeoneElsesSession() throws Exception {
        try (TestClient alice = fixture.connect(); TestClient mallory = fixture.connect()) {
            alice.send(new ChatRequest("a1", "my secret plans"));
            alice.until(ReplyDone.class);

            mallory.send(new ResumeRequest("m1", alice.hello.sessionId(), mallory.hello.resumeSecret(), null, null));
            ErrorMessage wrongSecret = mallory.next(ErrorMessage.class);
            mallory.send(new ResumeRequest("m2", "no-such-session", "guess", null, null));
            ErrorMessage unknown = mallory.next(ErrorMessage.class);

            assertThat(wrongSecret.code()).isEqualTo(ErrorCode.RESUME_FAILED);
            assertThat(unknown.code()).isEqualTo(ErrorCode.RESUME_FAILED);
            assertThat(wrongSecret.message()).isEqualTo(unknown.message()).doesNotContain("secret plans");
            assertThat(alice.hello.resumeSecret()).hasSizeGreaterThanOrEqualTo(22).isNotEqualTo(alice.hello.sessionId());
            alice.assertQuiet(Duration.ofMillis(200));      // alice keeps her session and connection
        }
    }

    @Test
    void resumingFromASecondConnectionDisplacesTheFirst() throws Exception {
        try (TestClient first = fixture.connect(); TestClient second = fixture.connect()) {
            second.send(new ResumeRequest("r1", first.hello.sessionId(), first.hello.resumeSecret(), null, null));

            second.next(Resumed.class);
            assertThat(first.awaitCloseCode()).isEqualTo(4001);
        }
    }

    /**
     * A connection that resumed another session keeps it when someone takes the session it started in. (This
     * sequence lets the old conversation leave first; the race where it has not yet, which {@code displaced}
     * guards against by checking the session, is not reproduced here.)
     */
    @Test
    void aConnectionThatMovedToAnotherSessionKeepsItWhenItsFirstOneIsTaken() throws Exception {
        try (TestClient alice = fixture.connect(); TestClient other = fixture.connect();
             TestClient bob = fixture.connect()) {
            // alice talks in her own session, then takes other's; then bob takes the one alice started in.
            alice.send(new ChatRequest("a0", "a first message"));
            ChatFlowTest.replyText(alice);
            alice.send(new ResumeRequest("r1", other.hello.sessionId(), other.hello.resumeSecret(), null, null));
            alice.next(Resumed.class);
            bob.send(new ResumeRequest("r2", alice.hello.sessionId(), alice.hello.resumeSecret(), null, null));
            bob.awaitFrame(Resumed.class);

            // alice still carries other's session: she chats on it.
            alice.send(new ChatRequest("a1", "still here?"));
            assertThat(ChatFlowTest.replyText(alice)).isNotEmpty();
        }
    }

    @Test
    void aConnectionResumesAFewTimesAtMost() throws Exception {
        try (TestClient first = fixture.connect(); TestClient second = fixture.connect()) {
            for (int i = 0; i < 3; i++) {
                second.send(new ResumeRequest("r" + i, first.hello.sessionId(), first.hello.resumeSecret(), null,
                        null));
                second.awaitFrame(Resumed.class);
            }
            second.send(new ResumeRequest("r3", first.hello.sessionId(), first.hello.resumeSecret(), null, null));
            ErrorMessage refused = second.awaitFrame(ErrorMessage.class);
            assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(refused.retryable()).isFalse();
        }
    }
}
