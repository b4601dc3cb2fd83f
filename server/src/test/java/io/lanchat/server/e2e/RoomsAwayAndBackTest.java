package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ConversationOpened;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.OpenConversationRequest;
import io.lanchat.protocol.OpenRoomRequest;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.PingRequest;
import io.lanchat.protocol.Pong;
import io.lanchat.protocol.RoomOpened;
import io.lanchat.protocol.RoomOwnerPresence;
import io.lanchat.protocol.RoomPresence;
import io.lanchat.protocol.RoomState;
import io.lanchat.protocol.RoomTyping;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.SharedMessage;
import io.lanchat.protocol.TokenDelta;
import io.lanchat.protocol.TypingRequest;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Rooms with the owner away, members coming back on a new connection, and typing. */
@Timeout(60)
class RoomsAwayAndBackTest {
    private static final int REPLACED = 4408;

    @Test
    void membersAreAnsweredWhileTheOwnerIsAwayAndTheOwnerFindsTheirMessagesUnderTheirNames() throws Exception {
        try (ServerFixture server = ServerFixture.start()) {
            server.ollama.setReply(call -> List.of("Hello there."));
            String ownerKey;
            String conversation;
            RoomOpened room;
            try (TestClient owner = server.connect()) {
                ownerKey = owner.hello.ownerKey();
                conversation = owner.hello.sessionId();
                owner.send(new ChatRequest("c1", "we start"));
                owner.awaitFrame(ReplyDone.class);
                owner.send(new OpenRoomRequest("room", conversation, null));
                room = owner.awaitFrame(RoomOpened.class);
            }
            server.ollama.setReply(call -> List.of("Salt ", "from ", "rocks."));

            try (TestClient ana = TestClient.joinRoom(server.port(), room.token(), "Ana")) {
                ana.next(RoomState.class);
                ana.send(new ChatRequest("a1", "Why is the sea salty?"));
                List<ServerMessage> anaSaw = ana.until(ReplyDone.class);

                assertThat(anaSaw.get(0)).isEqualTo(new SharedMessage("a1",
                        HistoryMessage.byMember("Ana", "Why is the sea salty?")));
                assertThat(text(anaSaw)).isEqualTo("Salt from rocks.");
            }
            try (TestClient owner = TestClient.connectAsOwner(server.port(), ownerKey)) {
                owner.send(new OpenConversationRequest("o", conversation, null, null));
                List<HistoryMessage> history = owner.awaitFrame(ConversationOpened.class).history();

                assertThat(history).extracting(HistoryMessage::content)
                        .containsExactly("we start", "Hello there.", "Why is the sea salty?", "Salt from rocks.");
                assertThat(history).extracting(HistoryMessage::author).containsExactly(null, null, "Ana", null);
            }
        }
    }

    @Test
    void aMemberBackWithItsKeyTakesItsPlaceUnseenAndGetsWhatItMissedOnce() throws Exception {
        try (ServerFixture server = ServerFixture.start();
             TestClient owner = server.connect()) {
            server.ollama.setReply(call -> List.of("Hello there."));
            owner.send(new ChatRequest("c1", "we start"));
            owner.awaitFrame(ReplyDone.class);
            owner.send(new OpenRoomRequest("room", owner.hello.sessionId(), null));
            RoomOpened room = owner.awaitFrame(RoomOpened.class);
            server.ollama.setTokenDelay(Duration.ofMillis(50));
            server.ollama.setReply(call -> List.of("one ", "two ", "three ", "four ", "five ", "six ", "seven ",
                    "eight ", "nine ", "ten"));

            try (TestClient ana = TestClient.joinRoom(server.port(), room.token(), "Ana");
                 TestClient bea = joinAfter(ana, server, room, "Bea")) {
                RoomState first = bea.next(RoomState.class);
                ana.next(RoomPresence.class);
                ana.send(new ChatRequest("a1", "count to ten"));
                bea.awaitFrame(TokenDelta.class);
                try (TestClient beaAgain = TestClient.rejoinRoom(server.port(), room.token(), "Bea",
                        first.memberKey())) {
                    RoomState again = beaAgain.next(RoomState.class);
                    List<ServerMessage> rest = beaAgain.until(ReplyDone.class);
                    List<ServerMessage> anaSaw = ana.until(ReplyDone.class);

                    assertThat(bea.awaitCloseCode()).as("the old connection").isEqualTo(REPLACED);
                    assertThat(again.memberKey()).isEqualTo(first.memberKey());
                    assertThat(again.members()).containsExactly("Ana", "Bea");
                    assertThat(again.history()).extracting(HistoryMessage::content)
                            .as("the question in flight comes once, after the state")
                            .containsExactly("we start", "Hello there.");
                    assertThat(rest.get(0)).isEqualTo(new SharedMessage("a1",
                            HistoryMessage.byMember("Ana", "count to ten")));
                    assertThat(text(rest)).isEqualTo("one two three four five six seven eight nine ten");
                    assertThat(anaSaw).as("Ana saw Bea neither leave nor come back")
                            .noneMatch(RoomPresence.class::isInstance);
                }
            }
        }
    }

    @Test
    void aNameTakenWithoutTheKeyIsStillRefused() throws Exception {
        try (ServerFixture server = ServerFixture.start();
             TestClient owner = server.connect()) {
            owner.send(new OpenRoomRequest("room", owner.hello.sessionId(), null));
            RoomOpened room = owner.awaitFrame(RoomOpened.class);
            try (TestClient ana = TestClient.joinRoom(server.port(), room.token(), "Ana");
                 TestClient other = TestClient.rejoinRoom(server.port(), room.token(), "Ana",
                         "x".repeat(43))) {
                ana.next(RoomState.class);

                assertThat(other.awaitCloseCode()).isEqualTo(4409);
                assertThat(ana.isClosed()).isFalse();
            }
        }
    }

    @Test
    void typingReachesTheOthersAndTheOwnerAtMostOnceEveryTwoSeconds() throws Exception {
        try (ServerFixture server = ServerFixture.start();
             TestClient owner = server.connect()) {
            owner.send(new OpenRoomRequest("room", owner.hello.sessionId(), null));
            RoomOpened room = owner.awaitFrame(RoomOpened.class);
            try (TestClient ana = TestClient.joinRoom(server.port(), room.token(), "Ana");
                 TestClient bea = joinAfter(ana, server, room, "Bea")) {
                bea.next(RoomState.class);
                ana.next(RoomPresence.class);
                assertThat(owner.awaitFrame(RoomPresence.class)).as("the owner sees who comes")
                        .isEqualTo(RoomPresence.withList("Ana", true, List.of("Ana")));
                assertThat(owner.awaitFrame(RoomPresence.class))
                        .isEqualTo(RoomPresence.withList("Bea", true, List.of("Ana", "Bea")));
                ana.send(new TypingRequest(null));
                ana.send(new TypingRequest(null));
                ana.send(new TypingRequest("t3"));

                assertThat(bea.next()).isEqualTo(RoomTyping.member("Ana"));
                assertThat(owner.awaitFrame(RoomTyping.class)).isEqualTo(RoomTyping.member("Ana"));
                bea.assertQuiet(Duration.ofMillis(500));
                ana.assertQuiet(Duration.ofMillis(100));
                bea.close();
                assertThat(owner.awaitFrame(RoomPresence.class)).as("and who goes")
                        .isEqualTo(RoomPresence.withList("Bea", false, List.of("Ana")));
            }
        }
    }

    @Test
    void membersSeeTheOwnerComeGoAndType() throws Exception {
        try (ServerFixture server = ServerFixture.start()) {
            String ownerKey;
            String conversation;
            try (TestClient owner = server.connect()) {
                ownerKey = owner.hello.ownerKey();
                conversation = owner.hello.sessionId();
                owner.send(new OpenRoomRequest("room", conversation, null));
                RoomOpened room = owner.awaitFrame(RoomOpened.class);
                try (TestClient ana = TestClient.joinRoom(server.port(), room.token(), "Ana")) {
                    RoomState state = ana.next(RoomState.class);
                    owner.send(new TypingRequest(null));
                    RoomTyping ownerTypes = ana.next(RoomTyping.class);
                    owner.close();
                    RoomOwnerPresence gone = ana.next(RoomOwnerPresence.class);
                    try (TestClient back = TestClient.connectAsOwner(server.port(), ownerKey)) {
                        back.send(new OpenConversationRequest("o", conversation, null, null));
                        back.awaitFrame(ConversationOpened.class);
                        io.lanchat.protocol.RoomMembersNow present = back.awaitFrame(
                                io.lanchat.protocol.RoomMembersNow.class);
                        RoomOwnerPresence came = ana.next(RoomOwnerPresence.class);

                        assertThat(present).as("who is in the room, for the owner who comes back").isEqualTo(
                                new io.lanchat.protocol.RoomMembersNow(conversation, List.of("Ana")));

                        assertThat(state.ownerPresent()).isTrue();
                        assertThat(ownerTypes).isEqualTo(RoomTyping.ofOwner());
                        assertThat(gone).isEqualTo(new RoomOwnerPresence(false));
                        assertThat(came).isEqualTo(new RoomOwnerPresence(true));
                    }
                }
            }
        }
    }

    @Test
    void everyoneSeesAMembersQuestionWhenItIsAskedNotWhenItsReplyStarts() throws Exception {
        try (ServerFixture server = ServerFixture.start();
             TestClient owner = server.connect();
             TestClient elsewhere = server.connect()) {
            owner.send(new OpenRoomRequest("room", owner.hello.sessionId(), null));
            RoomOpened room = owner.awaitFrame(RoomOpened.class);
            server.ollama.setTokenDelay(Duration.ofMillis(100));
            server.ollama.setReply(call -> java.util.Collections.nCopies(30, "busy "));
            try (TestClient ana = TestClient.joinRoom(server.port(), room.token(), "Ana");
                 TestClient bea = joinAfter(ana, server, room, "Bea")) {
                bea.next(RoomState.class);
                elsewhere.send(new ChatRequest("e1", "a long one, elsewhere"));     // holds the only slot
                elsewhere.awaitFrame(TokenDelta.class);
                ana.send(new ChatRequest("a1", "Are we there yet?"));
                SharedMessage beaSaw = bea.awaitFrame(SharedMessage.class);
                boolean askedOllamaYet = server.ollama.chatCalls().stream()
                        .anyMatch(c -> c.lastUserContent().contains("Are we there yet?"));

                assertThat(beaSaw).isEqualTo(new SharedMessage("a1",
                        HistoryMessage.byMember("Ana", "Are we there yet?")));
                assertThat(askedOllamaYet).as("Bea saw the question while it waited for the GPU").isFalse();
                List<ServerMessage> rest = bea.until(ReplyDone.class);
                assertThat(rest).as("and not a second time when its reply started")
                        .noneMatch(SharedMessage.class::isInstance);
            }
        }
    }

    @Test
    void theOwnersListMarksTheConversationsOpenAsRooms() throws Exception {
        try (ServerFixture server = ServerFixture.start();
             TestClient owner = server.connect()) {
            owner.send(new ChatRequest("c1", "not a room"));
            owner.awaitFrame(ReplyDone.class);
            String plain = owner.hello.sessionId();
            owner.send(new io.lanchat.protocol.CreateConversationRequest("n", null, null));
            String roomId = owner.awaitFrame(ConversationOpened.class).conversation().id();
            owner.send(new ChatRequest("c2", "a room"));
            owner.awaitFrame(ReplyDone.class);
            owner.send(new OpenRoomRequest("room", roomId, null));
            RoomOpened room = owner.awaitFrame(RoomOpened.class);

            owner.send(new io.lanchat.protocol.ListConversationsRequest("l1", null, null));
            var listed = owner.awaitFrame(io.lanchat.protocol.ConversationList.class).conversations();
            owner.send(new io.lanchat.protocol.RevokeShareRequest("r", room.invite().shareId()));
            owner.awaitFrame(io.lanchat.protocol.ShareList.class);
            owner.send(new io.lanchat.protocol.ListConversationsRequest("l2", null, null));
            var afterRevoke = owner.awaitFrame(io.lanchat.protocol.ConversationList.class).conversations();

            assertThat(listed).extracting(c -> c.id(), c -> c.room()).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple(plain, null),
                    org.assertj.core.groups.Tuple.tuple(roomId, true));
            assertThat(afterRevoke).extracting(c -> c.room()).containsOnlyNulls();
        }
    }

    @Test
    void typingOutsideARoomIsIgnoredAndTheConnectionGoesOn() throws Exception {
        try (ServerFixture server = ServerFixture.start();
             TestClient owner = server.connect()) {
            owner.send(new TypingRequest("t1"));
            owner.send(new PingRequest("p1"));

            assertThat(owner.next()).isEqualTo(new Pong("p1"));
        }
    }

    private static TestClient joinAfter(TestClient first, ServerFixture server, RoomOpened room, String name)
            throws Exception {
        assertThat(first.next(RoomState.class).you()).isEqualTo("Ana");
        return TestClient.joinRoom(server.port(), room.token(), name);
    }

    private static String text(List<ServerMessage> frames) {
        return frames.stream().filter(TokenDelta.class::isInstance).map(f -> ((TokenDelta) f).text())
                .collect(Collectors.joining());
    }
}
