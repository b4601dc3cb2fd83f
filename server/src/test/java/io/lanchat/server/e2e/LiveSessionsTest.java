package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.standin.ChatCall;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * More people than the server can hold conversations for: those connected keep theirs, whoever is refused is
 * told so (1013), and room made by someone leaving is given to the next.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class LiveSessionsTest {
    private static final int HELD = 50;

    @Test
    void connectedPeopleNeverLoseTheirConversationAndTheRefusedAreTold() throws Exception {
        // 500,000 characters for at most 50 conversations: every conversation weighs at least 10,000.
        try (ServerFixture fixture = ServerFixture.start("--max-sessions", String.valueOf(HELD),
                "--max-history-chars", "500000", "--max-session-chars", "5000", "--max-message-chars", "1000",
                "--max-reply-chars", "2000", "--messages-per-minute", "1000", "--client-messages-per-minute", "10000")) {
            List<TestClient> people = new ArrayList<>();
            try {
                for (int i = 0; i < HELD; i++) {
                    people.add(fixture.connect());
                }
                for (int i = 0; i < 10; i++) {
                    assertRefusedWith1013(fixture);
                }
                for (int i = 0; i < HELD; i++) {
                    people.get(i).send(new ChatRequest("a" + i, "first message of person " + i));
                    ChatFlowTest.replyText(people.get(i));
                }
                for (int i = 0; i < 10; i++) {
                    assertRefusedWith1013(fixture);         // pressing for room while everyone has history
                }
                for (int i = 0; i < HELD; i++) {
                    people.get(i).send(new ChatRequest("b" + i, "second message of person " + i));
                    ChatFlowTest.replyText(people.get(i));
                }

                // Every second request carried its person's first exchange: nobody's history was evicted.
                List<ChatCall> calls = fixture.ollama.chatCalls();
                for (int i = 0; i < HELD; i++) {
                    String second = "second message of person " + i;
                    ChatCall call = calls.stream()
                            .filter(c -> c.messages().get(c.messages().size() - 1).content().equals(second))
                            .findFirst().orElseThrow();
                    assertThat(call.messages()).as("person %d's request", i).hasSize(3);
                    assertThat(call.messages().get(0).content()).isEqualTo("first message of person " + i);
                }

                // Someone leaves: their room goes to the next person.
                people.remove(0).close();
                ServerFixture.await(() -> fixture.server.clients().size() == HELD - 1, "the leaver is gone");
                try (TestClient next = fixture.connect()) {
                    next.send(new ChatRequest("n1", "is there room now?"));
                    ChatFlowTest.replyText(next);
                }
            } finally {
                for (TestClient person : people) {
                    person.close();
                }
            }
        }
    }

    private static void assertRefusedWith1013(ServerFixture fixture) throws Exception {
        try (RawWebSocket refused = new RawWebSocket(fixture.port())) {
            List<RawWebSocket.Frame> frames = refused.readUntilClosed();
            assertThat(frames).as("no hello, only the close").hasSize(1);
            assertThat(RawWebSocket.closeCode(frames.get(0))).isEqualTo(1013);
            assertThat(new String(frames.get(0).payload(), StandardCharsets.UTF_8)).contains("try again later");
        }
    }
}
