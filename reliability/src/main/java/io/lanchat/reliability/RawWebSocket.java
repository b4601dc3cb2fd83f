package io.lanchat.reliability;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain blocking socket, written byte by byte so the suite controls everything a
 * hostile or unlucky client does: any frame (masked or not, any opcode, RSV bits, fragments, garbage), reading
 * slowly or not at all, a small receive buffer, a chosen loopback source address. Writes are synchronized, so
 * a reader thread may answer pings while another thread sends.
 */
final class RawWebSocket implements AutoCloseable {
    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** The server answered the upgrade with plain HTTP instead of 101 (e.g. 503 when it is full). */
    static final class Refused extends IOException {
        final int status;

        Refused(int status, String line) {
            super("upgrade refused: " + line);
            this.status = status;
        }
    }

    /** One frame as read; the close code is -1 for a non-close frame or a close frame without a code. */
    record Frame(int opcode, boolean fin, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return opcode == CLOSE && payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 16 * 1024));
        this.out = socket.getOutputStream();
    }

    /**
     * Connects from {@code source} (null: any), completes the upgrade and returns the socket before any frame is
     * read. {@code receiveBuffer} > 0 sets SO_RCVBUF before connecting (a slow reader's small window).
     */
    static RawWebSocket open(InetSocketAddress server, InetAddress source, int receiveBuffer, int timeoutMillis)
            throws IOException {
        Loopback.require(server.getAddress());
        Socket socket = new Socket();
        try {
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.setTcpNoDelay(true);
            if (source != null) {
                socket.bind(new InetSocketAddress(source, 0));
            }
            socket.connect(server, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            RawWebSocket ws = new RawWebSocket(socket);
            ws.upgrade(server);
            return ws;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void upgrade(InetSocketAddress server) throws IOException {
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        String request = "GET /ws HTTP/1.1\r\nHost: " + server.getAddress().getHostAddress() + ":" + server.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        writeRaw(request.getBytes(StandardCharsets.US_ASCII));
        String status = readLine();
        String line;
        while (!(line = readLine()).isEmpty()) {
            // headers: nothing to check beyond the status
        }
        if (!status.startsWith("HTTP/1.1 101")) {
            int code = status.length() >= 12 ? Integer.parseInt(status.substring(9, 12)) : -1;
            throw new Refused(code, status);
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new EOFException("connection closed during the upgrade");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** Sends a complete masked text frame. */
    void sendText(String text) throws IOException {
        send(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one masked frame. */
    void send(int opcode, boolean fin, byte[] payload) throws IOException {
        writeRaw(frame(opcode, fin, 0, true, payload, payload.length));
    }

    /**
     * Encodes a frame: {@code rsv} goes into bits 4–6 of the first byte; {@code declaredLength} is the length the
     * header claims (it may differ from the payload's, to lie about the size); -1 means the payload's length.
     */
    static byte[] frame(int opcode, boolean fin, int rsv, boolean masked, byte[] payload, long declared) {
        long declaredLength = declared < 0 ? payload.length : declared;
        int headerLength = 2 + (declaredLength < 126 ? 0 : declaredLength <= 0xFFFF ? 2 : 8) + (masked ? 4 : 0);
        byte[] bytes = new byte[headerLength + payload.length];
        bytes[0] = (byte) ((fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0F));
        int at = 2;
        if (declaredLength < 126) {
            bytes[1] = (byte) declaredLength;
        } else if (declaredLength <= 0xFFFF) {
            bytes[1] = 126;
            bytes[at++] = (byte) (declaredLength >>> 8);
            bytes[at++] = (byte) declaredLength;
        } else {
            bytes[1] = 127;
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes[at++] = (byte) (declaredLength >>> shift);
            }
        }
        byte[] mask = new byte[4];
        if (masked) {
            bytes[1] |= (byte) 0x80;
            ThreadLocalRandom.current().nextBytes(mask);
            System.arraycopy(mask, 0, bytes, at, 4);
            at += 4;
        }
        for (int i = 0; i < payload.length; i++) {
            bytes[at + i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        return bytes;
    }

    synchronized void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads the next frame (blocking up to the socket's read timeout). */
    Frame read() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        if (length > 64L * 1024 * 1024 || (b1 & 0x80) != 0) {
            throw new IOException("the server sent a frame a client must not get (length " + length + ", masked "
                    + ((b1 & 0x80) != 0) + ")");
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(b0 & 0x0F, (b0 & 0x80) != 0, payload);
    }

    /**
     * Reads until a text frame arrives, answering pings; returns null when the server closed (close frame or end
     * of stream). Servers send unfragmented text frames, so a text frame is a whole message.
     */
    String readText() throws IOException {
        while (true) {
            Frame frame;
            try {
                frame = read();
            } catch (EOFException e) {
                return null;
            }
            switch (frame.opcode()) {
                case TEXT -> {
                    return frame.text();
                }
                case PING -> send(PONG, true, frame.payload());
                case CLOSE -> {
                    return null;
                }
                default -> {
                    // pong or anything else: nothing to do
                }
            }
        }
    }

    /** Reads up to {@code max} raw bytes (a slow reader's sip); -1 at the end of the stream. */
    int sip(byte[] buffer, int max) throws IOException {
        return in.read(buffer, 0, Math.min(max, buffer.length));
    }

    void setReadTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    boolean isClosed() {
        return socket.isClosed();
    }

    /** Drops the TCP connection without a close frame, like a lost Wi-Fi. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
