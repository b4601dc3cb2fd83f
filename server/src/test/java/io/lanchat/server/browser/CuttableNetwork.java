package io.lanchat.server.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The network between the browser and the server, as a TCP relay the test can cut: {@link #cut()} resets every
 * connection through it at once, as a Wi-Fi drop or a sleeping laptop does, while new connections go through
 * again. The page is loaded through the relay, so for the browser the relay is the server (same host and port,
 * hence the same origin); nothing in the page or the server knows about it.
 */
final class CuttableNetwork implements AutoCloseable {
    private final ServerSocket listener;
    private final int serverPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();

    private CuttableNetwork(int serverPort) throws IOException {
        this.serverPort = serverPort;
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        daemon("relay-accept", this::acceptLoop);
    }

    static CuttableNetwork to(int serverPort) throws IOException {
        return new CuttableNetwork(serverPort);
    }

    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort() + "/";
    }

    /** How many connections the browser has opened through the relay so far (HTTP and WebSocket). */
    int connectionsMade() {
        return connections.get();
    }

    /** Resets every connection open through the relay; the browser sees them fail (WebSocket close 1006). */
    void cut() {
        for (Socket socket : open) {
            try {
                socket.setSoLinger(true, 0);       // RST, not a polite FIN
            } catch (IOException e) {
                // closing below is what matters
            }
            closeQuietly(socket);
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket browser = null;
            try {
                browser = listener.accept();
                connections.incrementAndGet();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                Socket fromBrowser = browser;
                open.add(browser);
                open.add(server);
                daemon("relay-up", () -> pump(fromBrowser, server));
                daemon("relay-down", () -> pump(server, fromBrowser));
            } catch (IOException e) {
                if (browser != null) {
                    closeQuietly(browser);      // the server is not there: the browser's connection fails
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // cut, or closed by one side
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
        cut();
    }
}
