package io.lanchat.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ReplyPhase;
import io.lanchat.protocol.ThinkingDelta;
import io.lanchat.protocol.ReplyStats;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.TokenDelta;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Delivery of a reply's log at the client's speed, one edge case a test. */
final class ReplyDeliveryTest {
    private final FakeClient client = new FakeClient();
    private final DeltaLog log = new DeltaLog();
    private final ReplyDelivery delivery = new ReplyDelivery(client, "c1", log);
    private final ReplyDone done = new ReplyDone("c1", "m", "stop", new ReplyStats(null, null, null, null, null, null), null);

    @Test
    void deltasGoOutAsTheyComeWhileTheClientTakesThem() {
        log.append("a");
        delivery.pump(false);
        log.append("b");
        delivery.pump(true);
        assertThat(client.texts()).containsExactly("a", "b");
        assertThat(client.flushes).isEqualTo(1);
    }

    @Test
    void nothingGoesOutWhileTheClientCannotTakeMoreAndTheRestFollowsWhenItCan() {
        client.writable = false;
        log.append("a");
        log.append("b");
        delivery.pump(true);
        assertThat(client.sent).isEmpty();

        client.writable = true;
        delivery.pump(true);
        assertThat(client.texts()).containsExactly("a", "b");
    }

    @Test
    void theEndingFollowsTheLastDeltaEvenWhenGenerationEndedLongBefore() {
        client.writable = false;
        log.append("a");
        assertThat(delivery.end(done)).as("not delivered yet").isFalse();
        assertThat(client.sent).isEmpty();

        client.writable = true;
        assertThat(delivery.pump(true)).as("delivered now").isTrue();
        assertThat(client.sent).hasSize(2);
        assertThat(client.sent.get(1)).isSameAs(done);
    }

    @Test
    void reasoningGoesOutAsThinkingFramesAndTheAnswerAfterAGeneratingPhase() {
        log.appendThinking("hm");
        log.append("A");
        log.append("B");

        delivery.pump(true);

        assertThat(client.sent).containsExactly(new ThinkingDelta("c1", 0, "hm"),
                ReplyPhase.of("c1", ReplyPhase.Phase.GENERATING), new TokenDelta("c1", 1, "A"),
                new TokenDelta("c1", 2, "B"));
        assertThat(delivery.deliveredThinking()).isEqualTo("hm");
        assertThat(delivery.deliveredText()).isEqualTo("AB");
    }

    @Test
    void aReplayFromTheFirstAnswerDeltaStillSaysTheThinkingIsOver() {
        log.appendThinking("hm");
        log.append("A");
        delivery.pump(true);
        client.sent.clear();

        delivery.restartFrom(1);

        assertThat(client.sent).containsExactly(ReplyPhase.of("c1", ReplyPhase.Phase.GENERATING),
                new TokenDelta("c1", 1, "A"));
    }

    @Test
    void theEndingGoesOutOnce() {
        log.append("a");
        assertThat(delivery.end(done)).isTrue();
        assertThat(delivery.pump(true)).isFalse();
        assertThat(client.sent).hasSize(2);
    }

    @Test
    void nobodyAttachedGetsNothingAndTheCursorStays() {
        client.attached = false;
        log.append("a");
        delivery.pump(true);
        assertThat(delivery.deliveredText()).isEmpty();
        client.attached = true;
        delivery.pump(true);
        assertThat(delivery.deliveredText()).isEqualTo("a");
    }

    @Test
    void aResumeRestartsFromTheNumberItAsksFor() {
        log.append("a");
        log.append("b");
        log.append("c");
        delivery.pump(true);
        client.sent.clear();

        delivery.restartFrom(1);
        assertThat(client.sent).extracting(m -> ((TokenDelta) m).seq()).containsExactly(1L, 2L);
    }

    @Test
    void deliveredTextIsWhatReachedTheClient() {
        log.append("seen ");
        delivery.pump(true);
        client.writable = false;
        log.append("unseen");
        delivery.pump(true);
        assertThat(delivery.deliveredText()).isEqualTo("seen ");
    }

    private static final class FakeClient implements DeliveryTarget {
        final List<ServerMessage> sent = new ArrayList<>();
        boolean attached = true;
        boolean writable = true;
        int flushes;

        List<String> texts() {
            return sent.stream().filter(TokenDelta.class::isInstance).map(m -> ((TokenDelta) m).text()).toList();
        }

        @Override
        public boolean isAttached() {
            return attached;
        }

        @Override
        public boolean clientWritable() {
            return writable;
        }

        @Override
        public void send(ServerMessage message) {
            sent.add(message);
        }

        @Override
        public void flush() {
            flushes++;
        }
    }
}
