package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.OpenRoomRequest;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.RoomOpened;
import io.lanchat.protocol.RoomState;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.SharedMessage;
import io.lanchat.standin.ChatCall;
import io.lanchat.standin.Message;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A room where the model answers only messages that mention {@code @model}. */
@Timeout(60)
class RoomAnswersWhenMentionedTest {
    @Test
    void messagesWithoutAMentionAreKeptAndShownUnansweredAndTheModelReadsThemLater() throws Exception {
        try (ServerFixture server = ServerFixture.start();
             TestClient owner = server.connect()) {
            server.ollama.setReply(call -> List.of("Hello there."));
            owner.send(new ChatRequest("c1", "we start"));
            owner.awaitFrame(ReplyDone.class);
            owner.send(new OpenRoomRequest("room", owner.hello.sessionId(), null, OpenRoomRequest.MENTIONED));
            RoomOpened room = owner.awaitFrame(RoomOpened.class);
            int callsBefore = server.ollama.chatCalls().size();

            try (TestClient ana = TestClient.joinRoom(server.port(), room.token(), "Ana")) {
                RoomState state = ana.next(RoomState.class);
                ana.send(new ChatRequest("a1", "hi all, shall we ask it?"));
                ServerMessage shown = ana.next();
                SharedMessage ownerSaw = owner.awaitFrame(SharedMessage.class);
                ana.assertQuiet(Duration.ofMillis(300));
                int callsAfterChatter = server.ollama.chatCalls().size();
                ana.send(new ChatRequest("a2", "@model what is a tide?"));
                List<ServerMessage> asked = ana.until(ReplyDone.class);

                assertThat(state.answers()).isEqualTo("mentioned");
                assertThat(room.invite().answers()).isEqualTo("mentioned");
                SharedMessage chatter = SharedMessage.unanswered("a1",
                        HistoryMessage.byMember("Ana", "hi all, shall we ask it?"));
                assertThat(shown).isEqualTo(chatter);
                assertThat(ownerSaw).isEqualTo(chatter);
                assertThat(callsAfterChatter).as("no model call for a message without @model").isEqualTo(callsBefore);
                assertThat(asked.get(0)).isEqualTo(new SharedMessage("a2",
                        HistoryMessage.byMember("Ana", "@model what is a tide?")));
                List<ChatCall> calls = server.ollama.chatCalls();
                assertThat(calls.get(calls.size() - 1).messages()).extracting(Message::content)
                        .as("the model reads the room's talk, names included")
                        .containsSubsequence("Ana: hi all, shall we ask it?", "Ana: @model what is a tide?");
            }
            try (TestClient carl = TestClient.joinRoom(server.port(), room.token(), "Carl")) {
                List<HistoryMessage> history = carl.next(RoomState.class).history();

                assertThat(history).extracting(HistoryMessage::content).containsExactly("we start", "Hello there.",
                        "hi all, shall we ask it?", "@model what is a tide?", "Hello there.");
                assertThat(history).extracting(HistoryMessage::author).containsExactly(null, null, "Ana", "Ana", null);
            }
        }
    }
}
