package io.lanchat.server.transport;

import io.lanchat.protocol.ListSharesRequest;
import io.lanchat.protocol.OpenRoomRequest;
import io.lanchat.protocol.RevokeShareRequest;
import io.lanchat.protocol.ShareRequest;
import io.lanchat.server.share.ShareService;
import io.lanchat.protocol.ClientMessage;
import io.lanchat.protocol.ConversationDeleted;
import io.lanchat.protocol.CreateConversationRequest;
import io.lanchat.protocol.DeleteConversationRequest;
import io.lanchat.protocol.ExportConversationRequest;
import io.lanchat.protocol.ImportConversationRequest;
import io.lanchat.protocol.ListConversationsRequest;
import io.lanchat.protocol.OpenConversationRequest;
import io.lanchat.protocol.RenameConversationRequest;
import io.lanchat.protocol.SearchConversationsRequest;
import io.lanchat.protocol.ServerMessage;
import io.lanchat.protocol.UpdateSettingsRequest;
import io.lanchat.server.library.ConversationLibrary;
import io.lanchat.server.library.LibraryErrors;
import io.lanchat.server.session.Session;
import io.netty.channel.ChannelHandlerContext;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The conversation requests of one connection: those that only read or change the owner's library are answered
 * by the library (off the event loop); those that move the connection to another conversation (open, create,
 * delete of the open one) end in the {@link ChatHandler}, on the channel's loop.
 */
final class ConversationCommands {
    private final ChatHandler handler;
    private final ConversationLibrary library;
    private final ShareService shares;
    private final String owner;
    private final ChannelHandlerContext ctx;

    ConversationCommands(ChatHandler handler, ConversationLibrary library, ShareService shares, String owner,
                         ChannelHandlerContext ctx) {
        this.handler = handler;
        this.library = library;
        this.shares = shares;
        this.owner = owner;
        this.ctx = ctx;
    }

    /** Handles {@code message} if it is a conversation request; false otherwise. */
    boolean handle(ClientMessage message) {
        if (message instanceof ListConversationsRequest list) {
            reply(list.id(), () -> library.list(owner, list).thenCompose(a -> shares.markRooms(owner, a)));
        } else if (message instanceof SearchConversationsRequest search) {
            reply(search.id(), () -> library.search(owner, search).thenCompose(a -> shares.markRooms(owner, a)));
        } else if (message instanceof RenameConversationRequest rename) {
            reply(rename.id(), () -> library.rename(owner, rename));
        } else if (message instanceof UpdateSettingsRequest settings) {
            reply(settings.id(), () -> library.updateSettings(owner, settings));
        } else if (message instanceof ExportConversationRequest export) {
            reply(export.id(), () -> library.export(owner, export));
        } else if (message instanceof ImportConversationRequest imported) {
            reply(imported.id(), () -> library.importConversation(owner, imported));
        } else if (message instanceof DeleteConversationRequest delete) {
            delete(delete);
        } else if (message instanceof OpenConversationRequest open) {
            open(open);
        } else if (message instanceof CreateConversationRequest create) {
            handler.create(create);
        } else if (message instanceof ShareRequest share) {
            reply(share.id(), () -> shares.share(owner, share));
        } else if (message instanceof ListSharesRequest list) {
            reply(list.id(), () -> shares.list(owner, list));
        } else if (message instanceof RevokeShareRequest revoke) {
            reply(revoke.id(), () -> shares.revoke(owner, revoke));
        } else if (message instanceof OpenRoomRequest room) {
            reply(room.id(), () -> shares.openRoom(owner, room));
        } else {
            return false;
        }
        return true;
    }

    private void open(OpenConversationRequest request) {
        CompletableFuture<Optional<Session>> found = call(() -> library.findForOpen(owner, request.conversationId()));
        found.whenComplete((session, failure) -> ctx.channel().eventLoop().execute(() -> {
            if (failure != null) {
                ctx.writeAndFlush(LibraryErrors.failure(request.id(), failure));
            } else if (session.isEmpty()) {
                ctx.writeAndFlush(LibraryErrors.notFound(request.id()));
            } else {
                handler.open(session.get(), request);
            }
        }));
    }

    private void delete(DeleteConversationRequest request) {
        handler.deleting(request.conversationId());
        call(() -> library.delete(owner, request.conversationId())).whenComplete((existed, failure) -> {
            if (failure == null && existed) {
                shares.conversationDeleted(request.conversationId());     // its links stop, their viewers go
            }
            ServerMessage answer = failure != null
                    ? LibraryErrors.failure(request.id(), failure)
                    : existed ? new ConversationDeleted(request.id(), request.conversationId())
                    : LibraryErrors.notFound(request.id());
            // On the channel's loop: `deleted` first, then the `cleared` of the new conversation, if it was ours.
            ctx.channel().eventLoop().execute(() -> {
                ctx.writeAndFlush(answer);
                handler.deleted(request.conversationId(), request.id());
            });
        });
    }

    /** Writes the library's answer whenever it comes (Netty's writes are safe from any thread, in order). */
    private void reply(String requestId, Supplier<CompletableFuture<ServerMessage>> work) {
        call(work).whenComplete((answer, failure) -> ctx.writeAndFlush(failure == null ? answer
                : LibraryErrors.failure(requestId, failure)));
    }

    /** The library's future, with a synchronous failure (e.g. a malformed cursor) folded into it. */
    private static <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
