package io.lanchat.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.lanchat.server.session.SessionBudget;
import io.lanchat.server.session.SessionStore;
import io.netty.channel.DefaultEventLoop;
import java.time.Duration;
import io.netty.channel.EventLoop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The registry of live conversations, where a resume and a disconnect of the same session may race. */
final class ConversationsTest {
    private final EventLoop loop = new DefaultEventLoop();
    private final SessionStore sessions = new SessionStore(new SessionBudget(1_000_000, 100, 10_000, 100),
            Duration.ofMinutes(30), Ticker.systemTicker(), Runnable::run);
    private final Conversations registry = new Conversations(new ChatServices(sessions, null, null, null, "m", 100,
            Duration.ofSeconds(1), new Shutdown(), null, null, new io.lanchat.server.session.SessionSaver(null)));
    private final String s1 = newSession();
    private final String s2 = newSession();

    /** A session in the store whose last connection left (not pinned), as conversations find them. */
    private String newSession() {
        String id = sessions.createPinned().orElseThrow().id();
        sessions.unpin(id);
        return id;
    }

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void aConversationClaimedByAResumeIsNotRemovedByItsLastConnectionLeaving() {
        Conversation live = registry.getOrCreate(s1, loop);
        Conversation claimed = registry.claimForResume(s1, loop);
        assertThat(claimed).isSameAs(live);

        registry.remove(live);           // the old connection's detach ran before the resume reached the loop

        assertThat(registry.isLive(live)).isTrue();
        assertThat(registry.claimForResume(s1, loop)).as("no second conversation for the session").isSameAs(live);
    }

    @Test
    void onceTheResumeRanTheConversationCanLeave() {
        Conversation live = registry.claimForResume(s1, loop);
        live.claimUsed();
        registry.remove(live);
        assertThat(registry.isLive(live)).isFalse();
        assertThat(registry.size()).isZero();
    }

    @Test
    void aResumeForASessionWithoutALiveConversationCreatesOne() {
        Conversation created = registry.claimForResume(s2, loop);
        assertThat(registry.isLive(created)).isTrue();
        assertThat(created.hasClaims()).isTrue();
    }

    @Test
    void removingAStaleConversationLeavesTheNewOneAlone() {
        Conversation old = registry.getOrCreate(s1, loop);
        registry.remove(old);
        Conversation fresh = registry.getOrCreate(s1, loop);
        registry.remove(old);
        assertThat(registry.isLive(fresh)).isTrue();
    }

    @Test
    void aLiveConversationPinsItsSessionAndLeavingUnpinsIt() {
        Conversation live = registry.getOrCreate(s1, loop);
        assertThat(sessions.pinnedCount()).isEqualTo(1);
        registry.remove(live);
        assertThat(sessions.pinnedCount()).isZero();
        assertThat(sessions.find(s1)).as("back in the cache, not gone").isPresent();
    }

    @Test
    void aSessionThatIsGoneGetsNoConversation() {
        sessions.remove(s2);
        assertThat(registry.getOrCreate(s2, loop)).isNull();
        assertThat(registry.claimForResume(s2, loop)).isNull();
        assertThat(registry.size()).isZero();
    }

    @Test
    void roomMembersKeepAConversationLiveWithNoConnectionAttached() {
        Conversation held = registry.holdForRoom(s1, loop);

        registry.remove(held);          // what a connection leaving, or a reply ending, asks

        assertThat(registry.isLive(held)).isTrue();
        assertThat(registry.holdForRoom(s1, loop)).as("a second member holds the same one").isSameAs(held);
        assertThat(sessions.pinnedCount()).isEqualTo(1);
    }

    @Test
    void theConversationLeavesWhenTheLastMemberGoes() throws Exception {
        Conversation held = registry.holdForRoom(s1, loop);
        registry.holdForRoom(s1, loop);

        held.room().released();
        settle();
        boolean liveWithOneMember = registry.isLive(held);
        held.room().released();
        settle();

        assertThat(liveWithOneMember).isTrue();
        assertThat(registry.isLive(held)).isFalse();
        assertThat(sessions.pinnedCount()).isZero();
        assertThat(sessions.find(s1)).as("back in the cache, not gone").isPresent();
    }

    @Test
    void aRoomGetsNoConversationForASessionThatIsGone() {
        sessions.remove(s2);
        assertThat(registry.holdForRoom(s2, loop)).isNull();
    }

    /** Runs what the loop was given so far. */
    private void settle() throws Exception {
        loop.submit(() -> { }).get(5, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void theNextDeltaAfterWhatTheClientSawIsWithinTheLog() {
        assertThat(Conversation.nextAfter(-1, 10)).isZero();
        assertThat(Conversation.nextAfter(4, 10)).isEqualTo(5);
        assertThat(Conversation.nextAfter(9, 10)).isEqualTo(10);
        assertThat(Conversation.nextAfter(50, 10)).isEqualTo(10);
        assertThat(Conversation.nextAfter(Long.MAX_VALUE, 10)).as("no overflow").isEqualTo(10);
        assertThat(Conversation.nextAfter(-1, 0)).isZero();
    }
}
