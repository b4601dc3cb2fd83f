package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.CancelRequest;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.ReplyCancelled;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ReplyPhase;
import io.lanchat.protocol.ReplyStarted;
import io.lanchat.standin.ChatCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One GPU, many people: the server's own fair, visible queue in front of a one-slot Ollama. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
final class QueueTest {
    private static final String TOKENS = IntStream.rangeClosed(1, 6)
            .mapToObj(i -> "user" + i + ":" + token(i)).reduce((a, b) -> a + "," + b).orElseThrow();
    private ServerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = ServerFixture.start("--access-tokens", TOKENS, "--parallel", "1", "--max-queue", "8",
                "--shutdown-grace", "1s");
        fixture.ollama.setTokenDelay(Duration.ofMillis(30));
        fixture.ollama.setReply(call -> Collections.nCopies(8, call.lastUserContent() + " "));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void fiveUsersAtOnceSeeTheirChangingPlaceAndAreServedInOrder() throws Exception {
        List<TestClient> users = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            users.add(TestClient.connect(fixture.port(), token(i)));
        }
        for (int i = 0; i < 5; i++) {
            users.get(i).send(new ChatRequest("c", "user" + (i + 1)));
            if (i == 0) {
                users.get(0).next(ReplyStarted.class);       // the first takes the slot
            } else {
                assertThat(users.get(i).nextPhase().position()).isEqualTo(i);
            }
        }

        for (TestClient user : users) {
            assertThat(user.awaitFrame(ReplyDone.class).timing().firstTokenMs()).isNotNegative();
        }

        assertThat(fixture.ollama.chatCalls()).extracting(ChatCall::lastUserContent)
                .containsExactly("user1", "user2", "user3", "user4", "user5");
        List<ReplyPhase> last = users.get(4).drainPhases();
        assertThat(last).filteredOn(p -> p.phase() == ReplyPhase.Phase.QUEUED).extracting(ReplyPhase::position)
                .containsExactly(3, 2, 1);                  // 4 was read above; then it moved up each time
        assertThat(last).filteredOn(p -> p.phase() == ReplyPhase.Phase.QUEUED).last()
                .satisfies(p -> assertThat(p.etaMs()).isNotNull().isPositive());
        assertThat(last).extracting(ReplyPhase::phase).endsWith(ReplyPhase.Phase.GENERATING);
        users.forEach(TestClient::close);
    }

    /** Issue 11, item 11: what a person already has generating counts, not only what they have waiting. */
    @Test
    void aPersonWithAReplyGeneratingWaitsBehindSomeoneWithNone() throws Exception {
        try (TestClient tab1 = TestClient.connect(fixture.port(), token(1));
             TestClient tab2 = TestClient.connect(fixture.port(), token(1));
             TestClient tab3 = TestClient.connect(fixture.port(), token(1));
             TestClient other = TestClient.connect(fixture.port(), token(2))) {
            tab1.send(new ChatRequest("t1", "tab1"));
            tab1.next(ReplyStarted.class);                           // generating
            tab2.send(new ChatRequest("t2", "tab2"));
            tab2.nextPhase();
            tab3.send(new ChatRequest("t3", "tab3"));
            tab3.nextPhase();
            other.send(new ChatRequest("o", "other"));

            assertThat(other.nextPhase().position()).isEqualTo(1);
            for (TestClient client : List.of(tab1, tab2, tab3, other)) {
                client.awaitFrame(ReplyDone.class);
            }
            assertThat(fixture.ollama.chatCalls()).extracting(ChatCall::lastUserContent)
                    .containsExactly("tab1", "other", "tab2", "tab3");
        }
    }

    @Test
    void threeTabsOfOnePersonDoNotGetAheadOfAnotherPerson() throws Exception {
        try (TestClient blocker = TestClient.connect(fixture.port(), token(6));
             TestClient tab1 = TestClient.connect(fixture.port(), token(1));
             TestClient tab2 = TestClient.connect(fixture.port(), token(1));
             TestClient tab3 = TestClient.connect(fixture.port(), token(1));
             TestClient other = TestClient.connect(fixture.port(), token(2))) {
            blocker.send(new ChatRequest("b", "blocker"));
            blocker.next(ReplyStarted.class);
            tab1.send(new ChatRequest("t1", "tab1"));
            tab1.nextPhase();
            tab2.send(new ChatRequest("t2", "tab2"));
            tab2.nextPhase();
            tab3.send(new ChatRequest("t3", "tab3"));
            tab3.nextPhase();
            other.send(new ChatRequest("o", "other"));

            assertThat(other.nextPhase().position()).isEqualTo(2);     // right after the first tab, not fourth
            for (TestClient client : List.of(blocker, tab1, tab2, tab3, other)) {
                client.awaitFrame(ReplyDone.class);
            }
            assertThat(fixture.ollama.chatCalls()).extracting(ChatCall::lastUserContent)
                    .containsExactly("blocker", "tab1", "other", "tab2", "tab3");
        }
    }

    @Test
    void fullQueueSaysBusyAndKeepsTheMessage() throws Exception {
        fixture.ollama.setReply(call -> Collections.nCopies(200, "long "));
        List<TestClient> waiting = new ArrayList<>();
        try (TestClient first = TestClient.connect(fixture.port(), token(1))) {
            first.send(new ChatRequest("f", "hold the slot"));
            first.next(ReplyStarted.class);
            for (int i = 0; i < 8; i++) {                       // fill --max-queue 8
                TestClient client = TestClient.connect(fixture.port(), token(2 + i % 4));
                client.send(new ChatRequest("w" + i, "waiting " + i));
                client.nextPhase();
                waiting.add(client);
            }
            try (TestClient late = TestClient.connect(fixture.port(), token(6))) {
                late.send(new ChatRequest("late", "one too many"));

                ErrorMessage error = late.next(ErrorMessage.class);
                assertThat(error.code()).isEqualTo(ErrorCode.SERVER_BUSY);
                assertThat(error.message()).contains("Try again in").contains("kept");
                assertThat(error.retryable()).isTrue();
                assertThat(fixture.server.sessions().find(late.hello.sessionId()).orElseThrow().pending())
                        .isEqualTo("one too many");
            }
        } finally {
            waiting.forEach(TestClient::close);
        }
    }

    @Test
    void cancelWhileQueuedLeavesTheQueueAtOnce() throws Exception {
        fixture.ollama.setReply(call -> Collections.nCopies(30, "tok "));
        try (TestClient first = TestClient.connect(fixture.port(), token(1));
             TestClient second = TestClient.connect(fixture.port(), token(2));
             TestClient third = TestClient.connect(fixture.port(), token(3))) {
            first.send(new ChatRequest("a", "first"));
            first.next(ReplyStarted.class);
            second.send(new ChatRequest("b", "second"));
            assertThat(second.nextPhase().position()).isEqualTo(1);
            third.send(new ChatRequest("c", "third"));
            assertThat(third.nextPhase().position()).isEqualTo(2);

            second.send(new CancelRequest("x"));

            ReplyCancelled cancelled = second.next(ReplyCancelled.class);
            assertThat(cancelled.id()).isEqualTo("b");
            assertThat(cancelled.partialText()).isEmpty();
            assertThat(third.nextPhase().position()).isEqualTo(1);     // moved up at once
            assertThat(fixture.server.scheduler().queueLength()).isEqualTo(1);
            third.awaitFrame(ReplyDone.class);
            assertThat(fixture.ollama.chatCalls()).extracting(ChatCall::lastUserContent)
                    .containsExactly("first", "third");
        }
    }

    static String token(int user) {
        return "token-of-user-" + user + "-0123456789";
    }
}
