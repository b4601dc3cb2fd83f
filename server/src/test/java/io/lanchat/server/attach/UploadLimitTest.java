package io.lanchat.server.attach;

import static org.assertj.core.api.Assertions.assertThat;

import io.lanchat.server.access.ConnectionCounter;
import io.lanchat.server.access.ServerNames;
import io.lanchat.server.access.UpgradeGate;
import io.lanchat.server.config.AccessSettings;
import io.lanchat.server.config.AttachmentSettings;
import io.lanchat.server.config.ServerConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The upload handler on a real socket: a body over the limit is answered 413 while it still arrives, the rest is
 * read and dropped, and the connection ends with an orderly close (a reset could lose the 413 at the client).
 */
@Timeout(30)
final class UploadLimitTest {
    private static final int LIMIT = 8 * 1024;
    private EventLoopGroup group;
    private Channel server;

    @BeforeEach
    void start() throws Exception {
        ServerConfig config = ServerConfig.defaults();
        AttachmentSettings settings = new AttachmentSettings(LIMIT, 4, 64 * 1024, 1024 * 1024, 256, 1_000_000);
        Attachments attachments = Attachments.create(settings);
        AccessSettings access = config.access();
        UpgradeGate gate = new UpgradeGate(access, config.limits(), new ConnectionCounter(),
                ServerNames.forThisMachine(access.allowedHosts()));
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new AttachmentHandler(gate,
                                attachments.processor(), attachments.store(), settings, "none"));
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    @AfterEach
    void stop() {
        server.close();
        group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void aBodyOverTheLimitIsAnswered413AndReadToTheEndBeforeAnOrderlyClose() throws Exception {
        int port = ((java.net.InetSocketAddress) server.localAddress()).getPort();
        byte[] body = new byte[LIMIT * 1024];      // 8 MiB: far more than socket buffers hold
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            // Chunked, so the limit is found while reading, not from Content-Length.
            out.write(("POST /attachments?name=big.png HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\n"
                    + "X-Owner-Key: " + io.lanchat.server.access.OwnerKeys.newKey() + "\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int sent = 0; sent < body.length; sent += 4096) {
                out.write((Integer.toHexString(4096) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, sent, 4096);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String response = readAll(socket.getInputStream());      // throws on a reset

            assertThat(response).startsWith("HTTP/1.1 413");
            assertThat(response).contains("\"error\"").contains(LIMIT + " bytes");
        }
    }

    private static String readAll(InputStream in) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        return all.toString(StandardCharsets.UTF_8);
    }
}
