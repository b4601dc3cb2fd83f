package io.lanchat.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lanchat.protocol.CancelRequest;
import io.lanchat.protocol.ChatRequest;
import io.lanchat.protocol.DeleteConversationRequest;
import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.ListConversationsRequest;
import io.lanchat.protocol.ListSharesRequest;
import io.lanchat.protocol.OpenConversationRequest;
import io.lanchat.protocol.PingRequest;
import io.lanchat.protocol.Pong;
import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ReplyStarted;
import io.lanchat.protocol.RevokeShareRequest;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.ShareCreated;
import io.lanchat.protocol.ShareInfo;
import io.lanchat.protocol.ShareList;
import io.lanchat.protocol.ShareRequest;
import io.lanchat.protocol.SharedMessage;
import io.lanchat.protocol.SharedView;
import io.lanchat.protocol.TokenDelta;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Read-only share links end to end: real WebSocket clients for the owner, viewers and strangers. */
@Timeout(60)
class ShareLinksTest {
    private static final int SHARE_GONE = 4404;

    @Test
    void aSnapshotShowsTheMessagesUpToSharingAndNothingAfter() throws Exception {
        try (ServerFixture server = ServerFixture.start();
             TestClient owner = server.connect()) {
            server.ollama.setReply(call -> List.of("Answer to ", call.lastUserContent()));
            chat(owner, "c1", "first question");
            ShareCreated link = share(owner, false);
            chat(owner, "c2", "second question");

            try (TestClient viewer = TestClient.viewShare(server.port(), link.token(), null)) {
                SharedView view = viewer.next(SharedView.class);
                chat(owner, "c3", "third question");
                viewer.send(new PingRequest("p"));

                assertThat(view.live()).isFalse();
                assertThat(view.title()).isEqualTo("first question");
                assertThat(view.history()).extracting(HistoryMessage::content)
                        .containsExactly("first question", "Answer to first question");
                assertThat(viewer.next()).as("nothing of later replies reaches a snapshot's viewer")
                        .isEqualTo(new Pong("p"));
            }
            assertThat(link.path()).isEqualTo("/s/" + link.token());
            assertThat(link.token()).matches("[A-Za-z0-9_-]{43}");
        }
    }

    @Test
    void aLiveViewerSeesEachQuestionAndItsReplyStreamToken() throws Exception {
        try (ServerFixture server = ServerFixture.start();
             TestClient owner = server.connect()) {
            server.ollama.setReply(call -> List.of("Tides ", "follow ", "the ", "moon."));
            chat(owner, "c1", "before sharing");
            ShareCreated link = share(owner, true);

            try (TestClient viewer = TestClient.viewShare(server.port(), link.token(), null)) {
                SharedView view = viewer.next(SharedView.class);
                chat(owner, "c2", "Why are there tides?");
                List<ServerMessage> frames = viewer.until(ReplyDone.class);

                assertThat(view.live()).isTrue();
                assertThat(view.history()).extracting(HistoryMessage::content)
                        .containsExactly("before sharing", "Tides follow the moon.");
                assertThat(frames.get(0)).isEqualTo(new SharedMessage("c2",
                        new HistoryMessage("user", "Why are there tides?", false)));
                assertThat(frames.get(1)).isInstanceOf(ReplyStarted.class);
                assertThat(tokens(frames)).extracting(TokenDelta::seq).containsExactly(0L, 1L, 2L, 3L);
                assertThat(text(frames)).isEqualTo("Tides follow the moon.");
                assertThat(((ReplyDone) frames.get(frames.size() - 1)).id()).isEqualTo("c2");
            }
        }
    }

    @Test
    void aLiveViewerArrivingMidReplyGetsItFromItsFirstToken() throws Exception {
        try (ServerFixture server = ServerFixture.start();
             TestClient owner = server.connect()) {
            server.ollama.setReply(call -> List.of("one ", "two ", "three ", "four ", "five ", "six"));
            chat(owner, "c1", "warm up");
            ShareCreated link = share(owner, true);
            server.ollama.setTokenDelay(Duration.ofMillis(150));
            owner.send(new ChatRequest("c2", "count"));
            owner.awaitFrame(TokenDelta.class);

            try (TestClient viewer = TestClient.viewShare(server.port(), link.token(), null)) {
                SharedView view = viewer.next(SharedView.class);
                List<ServerMessage> frames = viewer.until(ReplyDone.class);

                assertThat(view.history()).extracting(HistoryMessage::content).containsExactly("warm up",
                        "one two three four five six");
                assertThat(frames.get(0)).isInstanceOf(SharedMessage.class);
                assertThat(text(frames)).isEqualTo("one two three four five six");
            }
        }
    }

    @Test
    void aLiveViewerGetsTheConversationAgainWhenTheOwnerStopsAReply() throws Exception {
        try (ServerFixture server = ServerFixture.start();
             TestClient owner = server.connect()) {
            chat(owner, "c1", "warm up");
            ShareCreated link = share(owner, true);
            try (TestClient viewer = TestClient.viewShare(server.port(), link.token(), null)) {
                viewer.next(SharedView.class);
                server.ollama.setTokenDelay(Duration.ofMillis(200));
                server.ollama.setReply(call -> List.of("a ", "b ", "c ", "d ", "e ", "f ", "g ", "h ", "i ", "j"));
                owner.send(new ChatRequest("c2", "long one"));
                viewer.awaitFrame(TokenDelta.class);

                owner.send(new CancelRequest("stop"));
                owner.awaitFrame(io.lanchat.protocol.ReplyCancelled.class);
                SharedView again = viewer.awaitFrame(SharedView.class);

                HistoryMessage stopped = again.history().get(again.history().size() - 1);
                assertThat(again.history()).hasSize(4);
                assertThat(again.history().get(2).content()).isEqualTo("long one");
                assertThat(stopped.role()).isEqualTo("assistant");
                assertThat(stopped.cancelled()).as("the stopped reply, as recorded").isTrue();
            }
        }
    }

    @Test
    void aViewerCanNeitherChatNorStopNorReachAnyConversation() throws Exception {
        try (ServerFixture server = ServerFixture.start();
             TestClient owner = server.connect()) {
            chat(owner, "c1", "private enough");
            ShareCreated link = share(owner, true);
            int callsBefore = server.ollama.chatCalls().size();

            try (TestClient viewer = TestClient.viewShare(server.port(), link.token(), null)) {
                viewer.next(SharedView.class);
                viewer.send(new ChatRequest("v1", "let me in"));
                viewer.send(new CancelRequest("v2"));
                viewer.send(new OpenConversationRequest("v3", owner.hello.sessionId(), null, null));
                viewer.send(new ListConversationsRequest("v4", null, null));
                viewer.send(new ShareRequest("v5", owner.hello.sessionId(), true));

                for (String id : List.of("v1", "v2", "v3", "v4", "v5")) {
                    ErrorMessage refused = viewer.next(ErrorMessage.class);
                    assertThat(refused.id()).isEqualTo(id);
                    assertThat(refused.code()).isEqualTo(ErrorCode.READ_ONLY);
                }
                assertThat(viewer.hello).as("a viewer gets no session of its own").isNull();
            }
            assertThat(server.ollama.chatCalls()).hasSize(callsBefore);
        }
    }

    @Test
    void onlyTheOwnerListsAndRevokesAndARevokedLinkClosesItsViewersAtOnce() throws Exception {
        try (ServerFixture server = ServerFixture.start();
             TestClient owner = server.connect();
             TestClient stranger = server.connect()) {
            chat(owner, "c1", "shared then revoked");
            ShareCreated kept = share(owner, false);
            ShareCreated revoked = share(owner, true);
            String conversation = owner.hello.sessionId();

            stranger.send(new RevokeShareRequest("s1", revoked.share().shareId()));
            assertThat(stranger.next(ErrorMessage.class).code()).isEqualTo(ErrorCode.NOT_FOUND);
            stranger.send(new ListSharesRequest("s2", conversation));
            assertThat(stranger.next(ShareList.class).shares()).isEmpty();
            stranger.send(new ShareRequest("s3", conversation, true));
            assertThat(stranger.next(ErrorMessage.class).code()).isEqualTo(ErrorCode.NOT_FOUND);

            try (TestClient first = TestClient.viewShare(server.port(), revoked.token(), null);
                 TestClient second = TestClient.viewShare(server.port(), revoked.token(), null);
                 TestClient other = TestClient.viewShare(server.port(), kept.token(), null)) {
                first.next(SharedView.class);
                second.next(SharedView.class);
                other.next(SharedView.class);
                owner.send(new ListSharesRequest("l1", conversation));
                assertThat(owner.next(ShareList.class).shares()).extracting(ShareInfo::shareId)
                        .containsExactlyInAnyOrder(kept.share().shareId(), revoked.share().shareId());

                owner.send(new RevokeShareRequest("r1", revoked.share().shareId()));
                ShareList left = owner.next(ShareList.class);

                assertThat(left.shares()).extracting(ShareInfo::shareId).containsExactly(kept.share().shareId());
                assertThat(first.awaitCloseCode()).isEqualTo(SHARE_GONE);
                assertThat(second.awaitCloseCode()).isEqualTo(SHARE_GONE);
                other.send(new PingRequest("still"));
                assertThat(other.next()).as("another link of the same conversation still works")
                        .isEqualTo(new Pong("still"));
            }
            try (TestClient late = TestClient.viewShare(server.port(), revoked.token(), null)) {
                assertThat(late.awaitCloseCode()).isEqualTo(SHARE_GONE);
            }
            try (TestClient guess = TestClient.viewShare(server.port(), "A".repeat(43), null)) {
                assertThat(guess.awaitCloseCode()).isEqualTo(SHARE_GONE);
            }
        }
    }

    @Test
    void deletingTheConversationRevokesItsLinks() throws Exception {
        try (ServerFixture server = ServerFixture.start();
             TestClient owner = server.connect()) {
            chat(owner, "c1", "soon gone");
            ShareCreated link = share(owner, true);
            try (TestClient viewer = TestClient.viewShare(server.port(), link.token(), null)) {
                viewer.next(SharedView.class);

                owner.send(new DeleteConversationRequest("d", owner.hello.sessionId()));

                assertThat(viewer.awaitCloseCode()).isEqualTo(SHARE_GONE);
            }
            try (TestClient late = TestClient.viewShare(server.port(), link.token(), null)) {
                assertThat(late.awaitCloseCode()).isEqualTo(SHARE_GONE);
            }
        }
    }

    @Test
    void linksSurviveARestartOfTheServer() throws Exception {
        Path data = Files.createTempDirectory("lanchat-data");
        ShareCreated snapshot;
        ShareCreated live;
        try (ServerFixture before = ServerFixture.start("--data-dir", data.toString());
             TestClient owner = before.connect()) {
            before.ollama.setReply(call -> List.of("Kept: ", call.lastUserContent()));
            chat(owner, "c1", "remember me");
            snapshot = share(owner, false);
            live = share(owner, true);
            chat(owner, "c2", "and me");
        }

        try (ServerFixture after = ServerFixture.start("--data-dir", data.toString());
             TestClient snapshotViewer = TestClient.viewShare(after.port(), snapshot.token(), null);
             TestClient liveViewer = TestClient.viewShare(after.port(), live.token(), null)) {
            assertThat(snapshotViewer.next(SharedView.class).history()).extracting(HistoryMessage::content)
                    .containsExactly("remember me", "Kept: remember me");
            assertThat(liveViewer.next(SharedView.class).history()).extracting(HistoryMessage::content)
                    .containsExactly("remember me", "Kept: remember me", "and me", "Kept: and me");
        }
    }

    @Test
    void withAccessTokensAViewerNeedsAValidTokenToo() throws Exception {
        String token = "correct-horse-battery-staple";
        try (ServerFixture server = ServerFixture.start("--access-tokens", "ada:" + token);
             TestClient owner = TestClient.connect(server.port(), token)) {
            chat(owner, "c1", "for the team only");
            ShareCreated link = share(owner, false);

            assertThatThrownBy(() -> TestClient.viewShare(server.port(), link.token(), null))
                    .as("no access token: the upgrade is refused").isNotNull();
            assertThatThrownBy(() -> TestClient.viewShare(server.port(), link.token(), "wrong-token"))
                    .isNotNull();
            try (TestClient viewer = TestClient.viewShare(server.port(), link.token(), token)) {
                assertThat(viewer.next(SharedView.class).history()).hasSize(2);
            }
        }
    }

    private static void chat(TestClient owner, String id, String text) throws Exception {
        owner.send(new ChatRequest(id, text));
        ReplyDone done = owner.awaitFrame(ReplyDone.class);
        assertThat(done.id()).isEqualTo(id);
    }

    private static ShareCreated share(TestClient owner, boolean live) throws Exception {
        owner.send(new ShareRequest("share-" + live, owner.hello.sessionId(), live));
        return owner.awaitFrame(ShareCreated.class);
    }

    private static List<TokenDelta> tokens(List<ServerMessage> frames) {
        return frames.stream().filter(TokenDelta.class::isInstance).map(TokenDelta.class::cast).toList();
    }

    private static String text(List<ServerMessage> frames) {
        return tokens(frames).stream().map(TokenDelta::text).collect(Collectors.joining());
    }
}
