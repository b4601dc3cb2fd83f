package io.lanchat.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy between a client and the server that a test can cut, as a network failure would: {@link #cut()}
 * drops every connection through it while the server keeps running, and {@link #refuse} makes new connections fail
 * for a while. Plain sockets and two threads per connection, which is plenty for a test.
 *
 * <p>A cut is what a client sees when its own network goes away (Wi-Fi lost, laptop moved to another network): its
 * connection is reset at once, while the server has not noticed and keeps its end open, its frames going nowhere,
 * until it closes it itself (when the client resumes the session elsewhere, or by its keepalive). That is the
 * half-open connection the protocol's {@code resume} is designed for.
 *
 * <p>It also keeps what the server sent, so a test can read the session id and resume secret of a hello (the
 * frames are unmasked UTF-8 text and the JDK client asks for no compression, so the JSON is there as it is).
 */
final class FlakyNetwork implements AutoCloseable {
    private static final Pattern HELLO = Pattern.compile("\"sessionId\":\"([^\"]+)\",\"resumeSecret\":\"([^\"]+)\"");

    private final int targetPort;
    private final ServerSocket listener;
    private final List<Socket> clientSockets = new CopyOnWriteArrayList<>();
    private final List<Socket> serverSockets = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream fromServer = new ByteArrayOutputStream();
    private volatile boolean refusing;

    /** Listens on a free port of 127.0.0.1 and forwards every connection to {@code targetPort} there. */
    FlakyNetwork(int targetPort) throws IOException {
        this.targetPort = targetPort;
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "flaky-network-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "ws://127.0.0.1:" + listener.getLocalPort() + "/ws";
    }

    /** Drops every connection through the proxy: each client's is reset, the server's ends go silent. */
    void cut() {
        for (Socket socket : clientSockets) {
            reset(socket);
        }
        clientSockets.clear();
    }

    /** Resets both ends of every connection at once: the server, too, sees its connection fail. */
    void cutBothEnds() {
        cut();
        for (Socket socket : serverSockets) {
            reset(socket);
        }
        serverSockets.clear();
    }

    /** While refusing, a new connection is reset as soon as it is accepted, so the client's attempts fail. */
    void refuse(boolean refuse) {
        refusing = refuse;
    }

    /** The session id and resume secret of the newest hello that came through: {id, secret}. */
    String[] lastHello() {
        String seen;
        synchronized (fromServer) {
            seen = fromServer.toString(StandardCharsets.ISO_8859_1);
        }
        Matcher m = HELLO.matcher(seen);
        String[] last = null;
        while (m.find()) {
            last = new String[] {m.group(1), m.group(2)};
        }
        if (last == null) {
            throw new AssertionError("no hello has come through the proxy");
        }
        return last;
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cut();
        for (Socket socket : serverSockets) {
            reset(socket);
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (refusing) {
                    reset(client);
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                clientSockets.add(client);
                serverSockets.add(server);
                toServer(client, server);
                toClient(server, client);
            } catch (IOException e) {
                // closed, or the server is down: the client sees its connection fail, as it should
            }
        }
    }

    /** Client to server; when the client's side is gone, the server hears nothing more (no FIN, no RST). */
    private void toServer(Socket client, Socket server) {
        daemon(() -> {
            byte[] buffer = new byte[8192];
            try {
                InputStream in = client.getInputStream();
                OutputStream out = server.getOutputStream();
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the client's side was cut, or the server closed
            }
        });
    }

    /**
     * Server to client, recorded; once the client's side is gone, the rest is read and dropped until the server
     * closes its end, so the server writes on as into a network that lost the client.
     */
    private void toClient(Socket server, Socket client) {
        daemon(() -> {
            byte[] buffer = new byte[8192];
            boolean delivering = true;
            try {
                InputStream in = server.getInputStream();
                OutputStream out = client.getOutputStream();
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    synchronized (fromServer) {
                        fromServer.write(buffer, 0, n);
                    }
                    if (delivering) {
                        try {
                            out.write(buffer, 0, n);
                            out.flush();
                        } catch (IOException e) {
                            delivering = false;
                        }
                    }
                }
            } catch (IOException e) {
                // the server's end failed
            }
            reset(server);
            reset(client);
        });
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "flaky-network");
        thread.setDaemon(true);
        thread.start();
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);    // close with RST: no goodbye, as when the network goes away
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
