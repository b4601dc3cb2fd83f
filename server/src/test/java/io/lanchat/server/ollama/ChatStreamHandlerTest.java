package io.lanchat.server.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.protocol.ReplyStats;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The state machine that reads one streamed {@code /api/chat} reply, on an embedded channel with a frozen clock. */
final class ChatStreamHandlerTest {
    private static final Duration FIRST_TOKEN = Duration.ofSeconds(300);
    private static final Duration TOKEN_IDLE = Duration.ofSeconds(2);

    private final RecordingListener listener = new RecordingListener();
    private final RecordingOwner owner = new RecordingOwner();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger reads = new AtomicInteger();
    private EmbeddedChannel channel;

    @BeforeEach
    void openKeptAliveConnection() {
        channel = new EmbeddedChannel();
        channel.freezeTime();
        channel.config().setAutoRead(false);     // as on real Ollama connections: the handler asks for each read
        channel.pipeline().addLast(new ChannelOutboundHandlerAdapter() {
            @Override
            public void read(ChannelHandlerContext ctx) {
                reads.incrementAndGet();
                ctx.read();
            }
        });
        ChatCall call = new ChatCall(new OllamaEndpoint(URI.create("http://ollama.test:11434")), "m",
                "{}".getBytes(StandardCharsets.UTF_8), FIRST_TOKEN, TOKEN_IDLE);
        channel.pipeline().addLast(new ChatStreamHandler(call, listener, owner, true, busy));
        FullHttpRequest request = channel.readOutbound();
        assertThat(request.uri()).isEqualTo("/api/chat");
        request.release();
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void silenceBetweenTokensFailsAfterTheIdleTimeoutNotTheFirstTokenTimeout() {
        respond200();
        content("{\"message\":{\"content\":\"Hel\"},\"done\":false}\n{\"message\":{\"content\":\"lo\"},\"done\":false}\n");

        channel.advanceTimeBy(TOKEN_IDLE.toMillis() + 10, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(listener.deltas).containsExactly("Hel", "lo");
        assertThat(listener.failure).isNotNull();
        assertThat(listener.failure.kind()).isEqualTo(OllamaFailure.Kind.TIMEOUT);
        assertThat(listener.failure.message()).contains("stopped sending for 2 s");
        assertThat(channel.isOpen()).as("upstream closed").isFalse();
    }

    @Test
    void ollamasThinkingFieldIsHandedOnApartFromTheAnswerAndBeforeIt() {
        respond200();
        content("{\"message\":{\"role\":\"assistant\",\"content\":\"\",\"thinking\":\"Let me\"},\"done\":false}\n"
                + "{\"message\":{\"content\":\"\",\"thinking\":\" see\"},\"done\":false}\n"
                + "{\"message\":{\"content\":\"Four\"},\"done\":false}\n"
                + "{\"message\":{\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\"}\n");

        assertThat(listener.startedThinking).isTrue();
        assertThat(listener.pieces).containsExactly("t:Let me", "t: see", "a:Four");
        assertThat(listener.doneReason).isEqualTo("stop");
    }

    @Test
    void reasoningInlineBetweenThinkTagsIsSplitOutOfTheAnswer() {
        respond200();
        content("{\"message\":{\"content\":\"\\u003cthink\\u003e\"},\"done\":false}\n"
                + "{\"message\":{\"content\":\"Hmm, two\"},\"done\":false}\n"
                + "{\"message\":{\"content\":\" and two\u003c/thi\"},\"done\":false}\n"
                + "{\"message\":{\"content\":\"nk\u003e\\n\\nFour\"},\"done\":false}\n"
                + "{\"message\":{\"content\":\".\"},\"done\":true,\"done_reason\":\"stop\"}\n");

        assertThat(listener.startedThinking).isTrue();
        assertThat(String.join("", listener.thoughts)).isEqualTo("Hmm, two and two");
        assertThat(String.join("", listener.deltas)).isEqualTo("Four.");
        assertThat(listener.pieces.get(listener.pieces.size() - 1)).isEqualTo("a:.");
    }

    @Test
    void aPlainReplyStartsWithoutThinking() {
        respond200();
        content("{\"message\":{\"content\":\"Hi\"},\"done\":false}\n");

        assertThat(listener.startedThinking).isFalse();
        assertThat(listener.deltas).containsExactly("Hi");
    }

    @Test
    void tokensArrivingInTimeKeepTheReplyAlive() {
        respond200();
        for (int i = 0; i < 5; i++) {
            channel.advanceTimeBy(TOKEN_IDLE.toMillis() - 100, TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
            content("{\"message\":{\"content\":\"t" + i + "\"},\"done\":false}\n");
        }
        assertThat(listener.failure).isNull();
        assertThat(listener.deltas).hasSize(5);
    }

    @Test
    void noFirstTokenFailsAfterTheFirstTokenTimeout() {
        channel.advanceTimeBy(FIRST_TOKEN.toMillis() - 10, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(listener.failure).isNull();

        channel.advanceTimeBy(20, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(listener.failure.kind()).isEqualTo(OllamaFailure.Kind.TIMEOUT);
        assertThat(listener.failure.message()).contains("did not start answering");
    }

    @Test
    void asksForTheNextReadAfterEveryBatchWithoutWaitingForAnybody() {
        int before = reads.get();
        respond200();
        content("{\"message\":{\"content\":\"a\"},\"done\":false}\n");
        content("{\"message\":{\"content\":\"b\"},\"done\":false}\n");
        assertThat(listener.deltas).containsExactly("a", "b");
        assertThat(listener.batches).isEqualTo(3);
        assertThat(reads.get() - before).as("a read asked for after each batch").isEqualTo(3);
    }

    @Test
    void doneLineWithoutNewlineInTheLastChunkHandsTheConnectionBack() {
        respond200();
        channel.writeInbound(new DefaultLastHttpContent(Unpooled.copiedBuffer(
                "{\"message\":{\"content\":\"x\"},\"done\":false}\n{\"message\":{\"content\":\"\"},\"done\":true,"
                        + "\"done_reason\":\"stop\",\"eval_count\":1}", StandardCharsets.UTF_8)));

        assertThat(listener.doneReason).isEqualTo("stop");
        assertThat(owner.reused).as("connection handed back at once").isSameAs(channel);
        assertThat(busy.get()).isZero();
    }

    @Test
    void doneThenEmptyLastChunkHandsTheConnectionBack() {
        respond200();
        content("{\"message\":{\"content\":\"x\"},\"done\":true,\"done_reason\":\"stop\"}\n");
        assertThat(owner.reused).isNull();
        channel.writeInbound(LastHttpContent.EMPTY_LAST_CONTENT);
        assertThat(owner.reused).isSameAs(channel);
        assertThat(busy.get()).isZero();
    }

    @Test
    void bodyThatNeverEndsAfterDoneIsClosedNotReused() {
        respond200();
        content("{\"message\":{\"content\":\"x\"},\"done\":true,\"done_reason\":\"stop\"}\n");
        channel.advanceTimeBy(TOKEN_IDLE.toMillis() + 10, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(owner.reused).isNull();
        assertThat(channel.isOpen()).isFalse();
        assertThat(listener.failure).as("the reply itself was complete").isNull();
    }

    @Test
    void cancelClosesTheUpstreamAndSaysNothingMore() {
        respond200();
        content("{\"message\":{\"content\":\"a\"},\"done\":false}\n");
        channel.pipeline().get(ChatStreamHandler.class).cancel();
        assertThat(channel.isOpen()).isFalse();
        channel.advanceTimeBy(FIRST_TOKEN.toMillis() * 2, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(listener.failure).isNull();
        assertThat(listener.doneReason).isNull();
    }

    @Test
    void errorStatusBecomesAFailureWithOllamasText() {
        DefaultHttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND);
        channel.writeInbound(response);
        channel.writeInbound(new DefaultLastHttpContent(Unpooled.copiedBuffer(
                "{\"error\":\"model \\\"m\\\" not found, try pulling it first\"}", StandardCharsets.UTF_8)));
        assertThat(listener.failure.kind()).isEqualTo(OllamaFailure.Kind.MODEL_NOT_FOUND);
    }

    private void respond200() {
        DefaultHttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().set(HttpHeaderNames.TRANSFER_ENCODING, "chunked");
        channel.writeInbound(response);
    }

    private void content(String text) {
        channel.writeInbound(new DefaultHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)));
    }

    private static final class RecordingListener implements StreamListener {
        final List<String> deltas = new ArrayList<>();
        final List<String> thoughts = new ArrayList<>();
        /** Every callback of the answer and the reasoning, in order: "t:" or "a:" and the text. */
        final List<String> pieces = new ArrayList<>();
        Boolean startedThinking;
        int batches;
        String doneReason;
        OllamaFailure failure;

        @Override
        public void onStarted(boolean thinking) {
            startedThinking = thinking;
        }

        @Override
        public void onThinking(String text) {
            thoughts.add(text);
            pieces.add("t:" + text);
        }

        @Override
        public void onDelta(String text) {
            deltas.add(text);
            pieces.add("a:" + text);
        }

        @Override
        public void onBatchEnd() {
            batches++;
        }

        @Override
        public void onDone(String reason, ReplyStats stats) {
            doneReason = reason;
        }

        @Override
        public void onFailure(OllamaFailure f) {
            failure = f;
        }
    }

    private static final class RecordingOwner implements ChatStreamHandler.Owner {
        Channel reused;

        @Override
        public void reusable(Channel c) {
            reused = c;
        }

        @Override
        public void stale() {
        }
    }
}
