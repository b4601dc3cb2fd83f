package io.lanchat.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ErrorCode;
import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.PingRequest;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-connection request allowance on Netty's fake clock. */
final class RequestAllowanceTest {
    private static final int PER_MINUTE = 5;

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final List<Object> taken = new ArrayList<>();

    @AfterEach
    void release() {
        taken.forEach(ReferenceCountUtil::release);
        channel.finishAndReleaseAll();
    }

    RequestAllowanceTest() {
        channel.freezeTime();
        channel.pipeline().addLast(new RequestAllowance(PER_MINUTE));
    }

    @Test
    void requestsWithinTheAllowancePassOn() {
        send(PER_MINUTE);

        assertThat(inbound()).hasSize(PER_MINUTE);
        assertThat(outbound()).isEmpty();
    }

    @Test
    void rejectedFramesAreAnsweredAndCount() {
        ErrorMessage answer = new ErrorMessage("x", ErrorCode.BAD_REQUEST, "no", false);
        for (int i = 0; i < PER_MINUTE; i++) {
            channel.writeInbound(new RejectedFrame(answer));
        }
        channel.writeInbound(new PingRequest("one-too-many"));

        List<Object> out = outbound();
        assertThat(out).hasSize(PER_MINUTE + 1);
        assertThat(out.subList(0, PER_MINUTE)).allMatch(answer::equals);
        assertThat(inbound()).isEmpty();
    }

    @Test
    void theFirstRequestBeyondGetsOneRateLimitedErrorAndTheNextOnesSilence() {
        send(PER_MINUTE);
        inbound();

        send(3);

        List<Object> out = outbound();
        assertThat(out).singleElement().isInstanceOfSatisfying(ErrorMessage.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(e.id()).isEqualTo("p0");
            assertThat(e.retryable()).isTrue();
        });
        assertThat(inbound()).isEmpty();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void goingOnSendingAsManyAgainClosesWith1008() {
        send(PER_MINUTE);
        send(1);                                            // answered with rate_limited
        send(PER_MINUTE - 1);
        assertThat(channel.isOpen()).isTrue();

        send(1);

        List<Object> out = outbound();
        assertThat(out).last().isInstanceOfSatisfying(CloseWebSocketFrame.class,
                close -> assertThat(close.statusCode()).isEqualTo(1008));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void theAllowanceRefillsAndSilenceEnds() {
        send(PER_MINUTE + 2);
        inbound();
        outbound();

        channel.advanceTimeBy(12, TimeUnit.SECONDS);       // one request's worth at 5 a minute
        send(1);

        assertThat(inbound()).hasSize(1);
    }

    private void send(int requests) {
        for (int i = 0; i < requests; i++) {
            channel.writeInbound(new PingRequest("p" + i));
        }
    }

    private List<Object> inbound() {
        List<Object> in = new ArrayList<>();
        for (Object m; (m = channel.readInbound()) != null; ) {
            in.add(m);
        }
        return in;
    }

    private List<Object> outbound() {
        List<Object> out = new ArrayList<>();
        for (Object m; (m = channel.readOutbound()) != null; ) {
            out.add(m);
            taken.add(m);
        }
        return out;
    }
}
