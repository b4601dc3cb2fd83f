package io.lanchat.server.transport;

import io.lanchat.server.config.ConfigException;
import io.lanchat.server.config.IoTransport;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;

/**
 * The Netty transport the server's event loops, its listening socket and its connections to Ollama share (they
 * must match: an epoll channel runs only on an epoll event loop).
 *
 * @param name          {@code epoll}, {@code io_uring} or {@code nio}, for the log
 * @param ioHandlers    makes the event loops' I/O handlers
 * @param serverChannel the listening socket's class
 * @param socketChannel the class of outgoing connections (to Ollama)
 */
public record NettyIo(String name, IoHandlerFactory ioHandlers, Class<? extends ServerSocketChannel> serverChannel,
                      Class<? extends SocketChannel> socketChannel) {

    /** Java NIO: works everywhere. */
    public static final NettyIo NIO = new NettyIo("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class,
            NioSocketChannel.class);

    /**
     * The transport asked for. Epoll costs fewer system calls and less garbage per read and write than NIO (one
     * read and one write per token relayed), so {@code auto} takes it wherever its native library loads.
     *
     * @throws ConfigException if epoll was required and cannot load here
     */
    public static NettyIo select(IoTransport wanted) {
        return switch (wanted) {
            case NIO -> NIO;
            case EPOLL -> {
                if (!Epoll.isAvailable()) {
                    throw new ConfigException("--transport epoll: Netty's epoll transport cannot load here ("
                            + Epoll.unavailabilityCause() + "); use --transport auto or nio");
                }
                yield epoll();
            }
            case IO_URING -> {
                if (!IoUring.isAvailable()) {
                    throw new ConfigException("--transport io_uring: Netty's io_uring transport cannot load here ("
                            + IoUring.unavailabilityCause() + "); use --transport auto or nio");
                }
                yield new NettyIo("io_uring", IoUringIoHandler.newFactory(), IoUringServerSocketChannel.class,
                        IoUringSocketChannel.class);
            }
            case AUTO -> Epoll.isAvailable() ? epoll() : NIO;
        };
    }

    private static NettyIo epoll() {
        return new NettyIo("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class,
                EpollSocketChannel.class);
    }
}
