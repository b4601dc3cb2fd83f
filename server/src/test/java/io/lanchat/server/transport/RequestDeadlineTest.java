package io.lanchat.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The request deadline on Netty's fake clock. */
final class RequestDeadlineTest {
    private final EmbeddedChannel channel = new EmbeddedChannel();

    RequestDeadlineTest() {
        channel.freezeTime();
        channel.pipeline().addLast(RequestDeadline.NAME, new RequestDeadline(Duration.ofSeconds(10)));
    }

    @AfterEach
    void release() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAtTheDeadline() {
        advance(9);
        assertThat(channel.isOpen()).isTrue();

        advance(1);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aCompleteRequestStopsTheClockWhileItIsAnswered() {
        advance(9);
        channel.writeInbound(request());
        ReferenceCountUtil.release(channel.readInbound());

        advance(60);
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void afterItsAnswerAnIdleKeepAliveConnectionGetsTheDeadlineAgain() {
        channel.writeInbound(request());
        ReferenceCountUtil.release(channel.readInbound());
        advance(30);
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        ReferenceCountUtil.release(channel.readOutbound());

        advance(9);
        assertThat(channel.isOpen()).isTrue();
        advance(1);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aConnectionThatBecameAWebSocketIsNoLongerWatched() {
        RequestDeadline.remove(channel.pipeline());

        advance(60);
        assertThat(channel.isOpen()).isTrue();
    }

    private static DefaultFullHttpRequest request() {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/healthz");
    }

    private void advance(int seconds) {
        channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
    }
}
