package io.lanchat.server.attach;

import io.lanchat.server.access.ClientIdentity;
import io.lanchat.server.access.UpgradeGate;
import io.lanchat.server.config.AttachmentSettings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /attachments} and {@code GET /attachments/ID} on the page's port. Sits before the pipeline's
 * {@code HttpObjectAggregator} (whose limit suits small requests) and joins an upload's body itself, up to
 * {@code --max-attachment-bytes}: a larger body is answered 413 at once, the rest of it read and dropped, and
 * the connection closed after it (closing while the body still arrives would reset the connection, and the client
 * might never read the 413). Every request is checked by the same {@link UpgradeGate} as the WebSocket.
 * Each answer closes the connection: uploads are rare, and nothing else then arrives while one is decoded.
 *
 * <p>New per channel; runs on its event loop. Decoding happens on the {@link AttachmentProcessor}'s executor.
 */
public final class AttachmentHandler extends ChannelInboundHandlerAdapter {
    public static final String PATH = "/attachments";
    /** Longest an upload may take from its first line to its last byte (a phone on weak Wi-Fi, 20 MiB). */
    static final long BODY_SECONDS = 120;
    static final long DRAIN_SECONDS = 5;

    private enum State { IDLE, RECEIVING, SERVING, DRAINING, ANSWERING }

    private final UpgradeGate gate;
    private final AttachmentProcessor processor;
    private final AttachmentStore store;
    private final int maxBytes;
    private final String deadlineHandler;
    private final AttachmentSource durable;
    private State state = State.IDLE;
    private CompositeByteBuf body;
    private String owner;
    private String mediaType;
    private String name;
    private String servedId;
    private boolean head;
    private ScheduledFuture<?> deadline;
    private ChannelFuture refusal;

    /** @param deadlineHandler the pipeline's request deadline, replaced by this handler's own while it works */
    public AttachmentHandler(UpgradeGate gate, AttachmentProcessor processor, AttachmentStore store,
                             AttachmentSettings settings, String deadlineHandler) {
        this(gate, processor, store, settings, deadlineHandler, AttachmentSource.NONE);
    }

    /** @param durable where attachments no longer held in memory are read back from */
    public AttachmentHandler(UpgradeGate gate, AttachmentProcessor processor, AttachmentStore store,
                             AttachmentSettings settings, String deadlineHandler, AttachmentSource durable) {
        this.durable = durable;
        this.gate = gate;
        this.processor = processor;
        this.store = store;
        this.maxBytes = settings.maxUploadBytes();
        this.deadlineHandler = deadlineHandler;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (state == State.IDLE && msg instanceof HttpRequest request && isOurs(request.uri())) {
            begin(ctx, request);
            if (msg instanceof HttpContent) {
                content(ctx, (HttpContent) msg);
            }
            return;
        }
        if (state == State.IDLE) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (msg instanceof HttpContent content) {
            content(ctx, content);
        } else {
            ReferenceCountUtil.release(msg);      // pipelined after an attachment request: the connection closes
        }
    }

    private static boolean isOurs(String uri) {
        String path;
        try {
            path = new QueryStringDecoder(uri).path();
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        return path.equals(PATH) || path.startsWith(PATH + "/");
    }

    private void begin(ChannelHandlerContext ctx, HttpRequest request) {
        if (ctx.pipeline().get(deadlineHandler) != null) {
            ctx.pipeline().remove(deadlineHandler);       // the connection closes after this answer; ours applies
        }
        deadline = ctx.executor().schedule(() -> {
            if (state == State.RECEIVING || state == State.SERVING) {
                refuse(ctx, 408, "The upload took longer than " + BODY_SECONDS + " seconds.");
                refusal.addListener(ChannelFutureListener.CLOSE);
            } else {
                ctx.close();
            }
        }, BODY_SECONDS, TimeUnit.SECONDS);
        String path = new QueryStringDecoder(request.uri()).path();
        UpgradeGate.Refusal refused = gate.check(ctx, request);
        if (refused != null) {
            refuse(ctx, refused.status().code(), refused.message());
            return;
        }
        ClientIdentity identity = ctx.channel().attr(ClientIdentity.ATTRIBUTE).get();
        if (identity.issuedOwnerKey() != null) {
            refuse(ctx, 401, "Send your owner key with attachments (header X-Owner-Key or ?owner_key=), as on /ws:"
                    + " an attachment belongs to whoever uploaded it.");
            return;
        }
        owner = identity.owner();
        if (path.equals(PATH) && request.method().equals(HttpMethod.POST)) {
            beginUpload(ctx, request);
        } else if (path.length() > PATH.length() + 1 && (request.method().equals(HttpMethod.GET)
                || request.method().equals(HttpMethod.HEAD))) {
            servedId = path.substring(PATH.length() + 1);
            head = request.method().equals(HttpMethod.HEAD);
            state = State.SERVING;
        } else {
            refuse(ctx, 405, "Use POST " + PATH + " to upload and GET " + PATH + "/ID to fetch.");
        }
    }

    private void beginUpload(ChannelHandlerContext ctx, HttpRequest request) {
        String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        mediaType = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.startsWith("image/") && !TextFiles.isText(mediaType)) {
            refuse(ctx, 415, "Attach images (PNG, JPEG, WebP, GIF, BMP) or text files (text/*, application/json);"
                    + " the Content-Type was '" + (type == null ? "" : type) + "'.");
            return;
        }
        if (HttpUtil.getContentLength(request, -1L) > maxBytes) {
            refuse(ctx, 413, tooLarge());
            return;
        }
        List<String> names = new QueryStringDecoder(request.uri()).parameters().get("name");
        name = names == null || names.isEmpty() ? null : names.get(0);
        body = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
        state = State.RECEIVING;
    }

    private void content(ChannelHandlerContext ctx, HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        try {
            if (state == State.RECEIVING) {
                ByteBuf part = content.content();
                if (body.readableBytes() + (long) part.readableBytes() > maxBytes) {
                    refuse(ctx, 413, tooLarge());
                } else if (part.isReadable()) {
                    body.addComponent(true, part.retain());
                }
            }
            if (last) {
                finish(ctx);
            }
        } finally {
            content.release();
        }
    }

    private void finish(ChannelHandlerContext ctx) {
        if (state == State.DRAINING) {
            refusal.addListener(ChannelFutureListener.CLOSE);     // once the refusal is out
        } else if (state == State.SERVING) {
            serve(ctx);
        } else if (state == State.RECEIVING) {
            byte[] bytes = ByteBufUtil.getBytes(body);
            releaseBody();
            state = State.ANSWERING;
            processor.accept(owner, mediaType, name, bytes).whenComplete((attachment, failure) ->
                    // The processor completes on its own thread: the answer is written from the channel's loop.
                    ctx.executor().execute(() -> {
                        if (failure == null) {
                            answer(ctx, AttachmentHttp.uploaded(attachment.info()));
                        } else {
                            Throwable cause = failure instanceof java.util.concurrent.CompletionException
                                    && failure.getCause() != null ? failure.getCause() : failure;
                            AttachmentRefused refused = cause instanceof AttachmentRefused r ? r
                                    : new AttachmentRefused(500, "The server could not process the file.");
                            answer(ctx, AttachmentHttp.error(refused.status(), refused.getMessage()));
                        }
                    }));
        }
    }

    private void serve(ChannelHandlerContext ctx) {
        state = State.ANSWERING;
        if (!AttachmentProcessor.wellFormedId(servedId)) {
            serve(ctx, null);
            return;
        }
        Attachment held = store.find(owner, servedId).orElse(null);
        if (held != null) {
            serve(ctx, held);
            return;
        }
        durable.load(owner, servedId).orTimeout(AttachmentProcessor.DEADLINE.toSeconds(), TimeUnit.SECONDS)
                .whenComplete((found, failure) -> ctx.executor().execute(() -> {   // the store's thread: hop back
                    if (failure != null) {
                        answer(ctx, AttachmentHttp.error(503, "The attachment could not be read just now; try"
                                + " again."));
                        return;
                    }
                    // Not kept in memory: browsers keep it (immutable), and a delete then needs no memory sweep.
                    serve(ctx, found.orElse(null));
                }));
    }

    private void serve(ChannelHandlerContext ctx, Attachment found) {
        FullHttpResponse response = found == null ? AttachmentHttp.error(404, "No attachment of yours has that id.")
                : AttachmentHttp.content(found);
        if (head) {
            response.content().clear();
        }
        answer(ctx, response);
    }

    /** Answers at once; what is left of the request's body is read and dropped before the connection closes. */
    private void refuse(ChannelHandlerContext ctx, int status, String message) {
        releaseBody();
        state = State.DRAINING;
        FullHttpResponse response = AttachmentHttp.error(status, message);
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        refusal = ctx.writeAndFlush(response);
        ctx.executor().schedule(() -> ctx.close(), DRAIN_SECONDS, TimeUnit.SECONDS);
    }

    private void answer(ChannelHandlerContext ctx, FullHttpResponse response) {
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private String tooLarge() {
        return "The file is larger than this server takes: at most " + maxBytes + " bytes (--max-attachment-bytes).";
    }

    private void releaseBody() {
        if (body != null) {
            body.release();
            body = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseBody();
        if (deadline != null) {
            deadline.cancel(false);
        }
        ctx.fireChannelInactive();
    }
}
