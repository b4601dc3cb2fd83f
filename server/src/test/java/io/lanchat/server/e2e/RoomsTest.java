package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.CancelRequest;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.ListSharesRequest;
import io.lanchat.protocol.OpenRoomRequest;
import io.lanchat.protocol.PingRequest;
import io.lanchat.protocol.Pong;
import io.lanchat.protocol.ReplyCancelled;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ReplyPhase;
import io.lanchat.protocol.RevokeShareRequest;
import io.lanchat.protocol.RoomOpened;
import io.lanchat.protocol.RoomPresence;
import io.lanchat.protocol.RoomState;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.ShareCreated;
import io.lanchat.protocol.ShareInfo;
import io.lanchat.protocol.ShareList;
import io.lanchat.protocol.ShareRequest;
import io.lanchat.protocol.SharedMessage;
import io.lanchat.protocol.TokenDelta;
import io.lanchat.standin.ChatCall;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Rooms end to end: the owner and several members as real WebSocket clients. */
@Timeout(60)
class RoomsTest {
    private static final int GONE = 4404;
    private static final int BAD_NAME = 4400;
    private static final int NAME_TAKEN = 4409;

    @Test
    void membersSeeTheHistoryEachOtherAndTheReplyStreamTokenByToken() throws Exception {
        try (ServerFixture server = ServerFixture.start();
             TestClient owner = server.connect()) {
            server.ollama.setReply(call -> List.of("Tides ", "follow ", "the ", "moon."));
            chat(owner, "c1", "before the room");
            RoomOpened room = openRoom(owner, null);

            try (TestClient ana = TestClient.joinRoom(server.port(), room.token(), " Ana ");
                 TestClient bea = joinAfter(ana, server, room, "Bea")) {
                RoomState beaState = bea.next(RoomState.class);
                RoomPresence beaCame = ana.next(RoomPresence.class);
                chat(owner, "c2", "Why are there tides?");
                List<ServerMessage> anaSaw = ana.until(ReplyDone.class);
                List<ServerMessage> beaSaw = bea.until(ReplyDone.class);

                assertThat(beaState.you()).isEqualTo("Bea");
                assertThat(beaState.members()).containsExactly("Ana", "Bea");
                assertThat(beaState.history()).extracting(HistoryMessage::content)
                        .containsExactly("before the room", "Tides follow the moon.");
                assertThat(beaCame).isEqualTo(RoomPresence.change("Bea", true, 2));
                for (List<ServerMessage> frames : List.of(anaSaw, beaSaw)) {
                    assertThat(frames.get(0)).isEqualTo(new SharedMessage("c2",
                            new HistoryMessage("user", "Why are there tides?", false)));
                    assertThat(tokens(frames)).extracting(TokenDelta::seq).containsExactly(0L, 1L, 2L, 3L);
                    assertThat(text(frames)).isEqualTo("Tides follow the moon.");
                }

                bea.close();
                assertThat(ana.next(RoomPresence.class)).isEqualTo(RoomPresence.change("Bea", false, 1));
            }
            assertThat(room.invite().live()).isTrue();
            assertThat(room.expiresAt()).isNull();
        }
    }

    @Test
    void aMemberOfOneRoomGetsNothingOfAnother() throws Exception {
        try (ServerFixture server = ServerFixture.start();
             TestClient first = server.connect();
             TestClient second = server.connect()) {
            chat(first, "a1", "room one");
            chat(second, "b1", "room two");
            RoomOpened one = openRoom(first, null);
            RoomOpened two = openRoom(second, null);

            try (TestClient inOne = TestClient.joinRoom(server.port(), one.token(), "Ana");
                 TestClient inTwo = TestClient.joinRoom(server.port(), two.token(), "Ana")) {
                assertThat(inOne.next(RoomState.class).history().get(0).content()).isEqualTo("room one");
                assertThat(inTwo.next(RoomState.class).members()).as("a name is unique per room only")
                        .containsExactly("Ana");
                chat(second, "b2", "only for room two");
                inTwo.until(ReplyDone.class);
                inOne.send(new PingRequest("p"));

                assertThat(inOne.next()).as("nothing of room two reaches room one").isEqualTo(new Pong("p"));
            }
        }
    }

    @Test
    void aRevokedInviteClosesItsMembersAtOnceAndLetsNobodyIn() throws Exception {
        try (ServerFixture server = ServerFixture.start();
             TestClient owner = server.connect()) {
            chat(owner, "c1", "soon closed");
            RoomOpened room = openRoom(owner, 60);

            try (TestClient ana = TestClient.joinRoom(server.port(), room.token(), "Ana");
                 TestClient bea = joinAfter(ana, server, room, "Bea")) {
                bea.next(RoomState.class);
                owner.send(new ListSharesRequest("l1", owner.hello.sessionId()));
                assertThat(owner.awaitFrame(ShareList.class).shares()).extracting(ShareInfo::shareId, ShareInfo::kind)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(room.invite().shareId(), "room"));

                owner.send(new RevokeShareRequest("r1", room.invite().shareId()));
                owner.awaitFrame(ShareList.class);

                assertThat(ana.awaitCloseCode()).isEqualTo(GONE);
                assertThat(bea.awaitCloseCode()).isEqualTo(GONE);
            }
            try (TestClient late = TestClient.joinRoom(server.port(), room.token(), "Carl")) {
                assertThat(late.awaitCloseCode()).isEqualTo(GONE);
            }
            Instant expires = Instant.parse(room.expiresAt());
            assertThat(expires).isBetween(Instant.now().plus(59, ChronoUnit.MINUTES),
                    Instant.now().plus(60, ChronoUnit.MINUTES));
        }
    }

    @Test
    void badAndTakenNamesAndTheWrongKindOfLinkAreRefused() throws Exception {
        try (ServerFixture server = ServerFixture.start();
             TestClient owner = server.connect()) {
            chat(owner, "c1", "names");
            RoomOpened room = openRoom(owner, null);
            owner.send(new ShareRequest("s1", owner.hello.sessionId(), true));
            ShareCreated share = owner.awaitFrame(ShareCreated.class);

            try (TestClient ana = TestClient.joinRoom(server.port(), room.token(), "Ana");
                 TestClient blank = TestClient.joinRoom(server.port(), room.token(), "   ");
                 TestClient tooLong = TestClient.joinRoom(server.port(), room.token(), "x".repeat(33));
                 TestClient control = TestClient.joinRoom(server.port(), room.token(), "Ana\nBea");
                 TestClient shareAsRoom = TestClient.joinRoom(server.port(), share.token(), "Bea");
                 TestClient roomAsShare = TestClient.viewShare(server.port(), room.token(), null)) {
                ana.next(RoomState.class);
                assertThat(blank.awaitCloseCode()).isEqualTo(BAD_NAME);
                assertThat(tooLong.awaitCloseCode()).isEqualTo(BAD_NAME);
                assertThat(control.awaitCloseCode()).isEqualTo(BAD_NAME);
                assertThat(shareAsRoom.awaitCloseCode()).isEqualTo(GONE);
                assertThat(roomAsShare.awaitCloseCode()).as("an invite is no read-only link").isEqualTo(GONE);
                try (TestClient again = TestClient.joinRoom(server.port(), room.token(), "Ana")) {
                    assertThat(again.awaitCloseCode()).isEqualTo(NAME_TAKEN);
                }
                ana.send(new ListSharesRequest("m1", owner.hello.sessionId()));
                assertThat(ana.next(ErrorMessage.class).code()).isEqualTo(ErrorCode.READ_ONLY);
            }
        }
    }

    @Test
    void aMembersMessageReachesEveryoneAndTheModelWithItsName() throws Exception {
        try (ServerFixture server = ServerFixture.start();
             TestClient owner = server.connect()) {
            server.ollama.setReply(call -> List.of("Hello ", "there."));
            chat(owner, "c1", "we start");
            RoomOpened room = openRoom(owner, null);

            try (TestClient ana = TestClient.joinRoom(server.port(), room.token(), "Ana");
                 TestClient bea = joinAfter(ana, server, room, "Bea")) {
                bea.next(RoomState.class);
                ana.next(RoomPresence.class);
                ana.send(new ChatRequest("a1", "What about the moon?"));
                SharedMessage ownerSaw = owner.awaitFrame(SharedMessage.class);
                assertThat(owner.awaitFrame(ReplyDone.class).id()).isEqualTo("a1");
                List<ServerMessage> anaSaw = ana.until(ReplyDone.class);
                List<ServerMessage> beaSaw = bea.until(ReplyDone.class);

                SharedMessage asked = new SharedMessage("a1", HistoryMessage.byMember("Ana", "What about the moon?"));
                assertThat(ownerSaw).isEqualTo(asked);
                for (List<ServerMessage> frames : List.of(anaSaw, beaSaw)) {
                    assertThat(frames.get(0)).isEqualTo(asked);
                    assertThat(text(frames)).isEqualTo("Hello there.");
                }
                ChatCall call = server.ollama.chatCalls().get(server.ollama.chatCalls().size() - 1);
                assertThat(call.lastUserContent()).as("the model knows who asked")
                        .isEqualTo("Ana: What about the moon?");
                try (TestClient carl = TestClient.joinRoom(server.port(), room.token(), "Carl")) {
                    List<HistoryMessage> history = carl.next(RoomState.class).history();
                    assertThat(history).extracting(HistoryMessage::content)
                            .containsExactly("we start", "Hello there.", "What about the moon?", "Hello there.");
                    assertThat(history).extracting(HistoryMessage::author).as("who wrote each message")
                            .containsExactly(null, null, "Ana", null);
                }
            }
        }
    }

    @Test
    void whileAReplyStreamsTheNextMembersMessageWaitsInTheRoomsOrderAndEveryoneSeesThat() throws Exception {
        try (ServerFixture server = ServerFixture.start();
             TestClient owner = server.connect()) {
            chat(owner, "c1", "we start");
            RoomOpened room = openRoom(owner, null);
            server.ollama.setTokenDelay(Duration.ofMillis(100));
            server.ollama.setReply(call -> List.of("one ", "two ", "three ", "four ", "five"));

            owner.send(new ShareRequest("s1", owner.hello.sessionId(), true));
            ShareCreated share = owner.awaitFrame(ShareCreated.class);

            try (TestClient ana = TestClient.joinRoom(server.port(), room.token(), "Ana");
                 TestClient bea = joinAfter(ana, server, room, "Bea");
                 TestClient viewer = TestClient.viewShare(server.port(), share.token(), null)) {
                bea.next(RoomState.class);
                ana.next(RoomPresence.class);
                viewer.awaitFrame(io.lanchat.protocol.SharedView.class);
                ana.send(new ChatRequest("a1", "count"));
                bea.awaitFrame(TokenDelta.class);
                bea.send(new ChatRequest("b1", "me too"));
                ReplyPhase anaSawWaiting = ana.nextPhase();
                ReplyPhase ownerSawWaiting = awaitPhaseOf(owner, "b1");
                List<ServerMessage> anaSaw = ana.until(ReplyDone.class);
                List<ServerMessage> thenB = ana.until(ReplyDone.class);

                assertThat(anaSawWaiting).isEqualTo(ReplyPhase.queued("b1", 1, null));
                assertThat(ownerSawWaiting).isEqualTo(ReplyPhase.queued("b1", 1, null));
                assertThat(text(anaSaw)).isEqualTo("one two three four five");
                assertThat(((ReplyDone) anaSaw.get(anaSaw.size() - 1)).id()).isEqualTo("a1");
                assertThat(thenB.get(0)).isEqualTo(new SharedMessage("b1", HistoryMessage.byMember("Bea", "me too")));
                assertThat(((ReplyDone) thenB.get(thenB.size() - 1)).id()).isEqualTo("b1");
                List<ChatCall> calls = server.ollama.chatCalls();
                assertThat(calls.get(calls.size() - 1).messages()).extracting(io.lanchat.standin.Message::content)
                        .as("the model gets the room's history with each speaker's name")
                        .containsSubsequence("Ana: count", "one two three four five", "Bea: me too");
                viewer.until(ReplyDone.class);
                viewer.until(ReplyDone.class);
                assertThat(viewer.drainPhases()).as("a share link's viewer sees no queue places").isEmpty();
            }
        }
    }

    private static ReplyPhase awaitPhaseOf(TestClient client, String id) throws InterruptedException {
        while (true) {
            ReplyPhase phase = client.nextPhase();
            if (phase.id().equals(id)) {
                return phase;
            }
        }
    }

    @Test
    void onlyTheMemberWhoAskedOrTheOwnerStopsAReply() throws Exception {
        try (ServerFixture server = ServerFixture.start();
             TestClient owner = server.connect()) {
            chat(owner, "c1", "we start");
            RoomOpened room = openRoom(owner, null);
            server.ollama.setTokenDelay(Duration.ofMillis(200));
            server.ollama.setReply(call -> List.of("a ", "b ", "c ", "d ", "e ", "f ", "g ", "h ", "i ", "j"));

            try (TestClient ana = TestClient.joinRoom(server.port(), room.token(), "Ana");
                 TestClient bea = joinAfter(ana, server, room, "Bea")) {
                bea.next(RoomState.class);
                ana.next(RoomPresence.class);
                ana.send(new ChatRequest("a1", "long one"));
                bea.awaitFrame(TokenDelta.class);
                bea.send(new CancelRequest("b-stop"));
                ErrorMessage notBea = bea.awaitFrame(ErrorMessage.class);
                ana.send(new CancelRequest("a-stop"));
                ReplyCancelled anaStopped = ana.awaitFrame(ReplyCancelled.class);
                ReplyCancelled ownerSaw = owner.awaitFrame(ReplyCancelled.class);

                assertThat(notBea.id()).isEqualTo("b-stop");
                assertThat(notBea.code()).isEqualTo(ErrorCode.FORBIDDEN);
                assertThat(anaStopped.id()).isEqualTo("a1");
                assertThat(ownerSaw.id()).isEqualTo("a1");
                RoomState after = bea.awaitFrame(RoomState.class);
                assertThat(after.history().get(after.history().size() - 1).cancelled()).isTrue();

                bea.send(new ChatRequest("b1", "another long one"));
                bea.awaitFrame(TokenDelta.class);
                owner.send(new CancelRequest("o-stop"));
                assertThat(owner.awaitFrame(ReplyCancelled.class).id()).as("the owner stops anyone's reply")
                        .isEqualTo("b1");
            }
        }
    }

    @Test
    void aMembersMessageWaitsAndCountsUnderTheMembersIdentityNotTheOwners() throws Exception {
        String olga = "olga-token-0123456789";
        String bea = "bea-token-01234567890";
        try (ServerFixture server = ServerFixture.start("--access-tokens", "olga:" + olga + ",bea:" + bea);
             TestClient owner = TestClient.connect(server.port(), olga)) {
            chat(owner, "c1", "we start");
            RoomOpened room = openRoom(owner, null);
            try (TestClient member = TestClient.joinRoom(server.port(), room.token(), "Bea", bea)) {
                member.next(RoomState.class);
                member.send(new ChatRequest("b1", "my question"));
                member.until(ReplyDone.class);
            }

            ServerFixture.await(() -> requests(server, "bea") == 1, "the member's reply counted as bea's");
            assertThat(requests(server, "olga")).as("only the owner's own chat is the owner's").isEqualTo(1);
        }
    }

    @Test
    void rateLimitsCountPerMember() throws Exception {
        try (ServerFixture server = ServerFixture.start("--messages-per-minute", "2");
             TestClient owner = server.connect()) {
            chat(owner, "c1", "we start");
            chat(owner, "c2", "and go on");
            RoomOpened room = openRoom(owner, null);
            try (TestClient ana = TestClient.joinRoom(server.port(), room.token(), "Ana");
                 TestClient bea = joinAfter(ana, server, room, "Bea")) {
                bea.next(RoomState.class);
                ana.next(RoomPresence.class);
                for (String id : List.of("a1", "a2")) {
                    ana.send(new ChatRequest(id, "question " + id));
                    assertThat(ana.awaitFrame(ReplyDone.class).id()).isEqualTo(id);
                    bea.awaitFrame(ReplyDone.class);
                }
                ana.send(new ChatRequest("a3", "one too many"));
                ErrorMessage limited = ana.awaitFrame(ErrorMessage.class);
                bea.send(new ChatRequest("b1", "my first"));

                assertThat(limited.id()).isEqualTo("a3");
                assertThat(limited.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                assertThat(bea.awaitFrame(ReplyDone.class).id()).as("another member has a rate of its own")
                        .isEqualTo("b1");
            }
        }
    }

    /** The page's requests of {@code user} in /metrics (one model here), or -1 when there is no such series. */
    private static double requests(ServerFixture server, String user) {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port()
                            + "/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^lanchat_usage_requests_total\\{"
                    + "door=\"page\",model=\"[^\"]*\",user=\"" + user + "\"\\} (\\S+)$").matcher(response.body());
            return m.find() ? Double.parseDouble(m.group(1)) : -1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Joins once {@code first} is in, so the order of names is known. */
    private static TestClient joinAfter(TestClient first, ServerFixture server, RoomOpened room, String name)
            throws Exception {
        RoomState firstState = first.next(RoomState.class);
        assertThat(firstState.you()).isEqualTo("Ana");
        return TestClient.joinRoom(server.port(), room.token(), name);
    }

    private static RoomOpened openRoom(TestClient owner, Integer minutes) throws Exception {
        owner.send(new OpenRoomRequest("room", owner.hello.sessionId(), minutes));
        return owner.awaitFrame(RoomOpened.class);
    }

    private static void chat(TestClient owner, String id, String text) throws Exception {
        owner.send(new ChatRequest(id, text));
        assertThat(owner.awaitFrame(ReplyDone.class).id()).isEqualTo(id);
    }

    private static List<TokenDelta> tokens(List<ServerMessage> frames) {
        return frames.stream().filter(TokenDelta.class::isInstance).map(TokenDelta.class::cast).toList();
    }

    private static String text(List<ServerMessage> frames) {
        return tokens(frames).stream().map(TokenDelta::text).collect(Collectors.joining());
    }
}
