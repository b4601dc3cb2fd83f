package io.lanchat.server.e2e;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A deliberately minimal WebSocket client over a plain socket, for sending what well-behaved clients cannot:
 * invalid UTF-8, frames after a close, or never reading at all. Test code only.
 */
final class RawWebSocket implements AutoCloseable {
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawWebSocket(int port) throws IOException {
        this(port, 0);
    }

    /** @param receiveBuffer a small SO_RCVBUF (bytes) makes a client that stops reading fill up fast; 0 = default */
    RawWebSocket(int port, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String headers = readHeaders();
        if (!headers.startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + headers);
        }
    }

    void send(int opcode, byte[] payload, boolean fin) throws IOException {
        sendBytes(frame(opcode, payload, fin));
    }

    /** Writes bytes as they are, e.g. many frames made by {@link #frame} at once. */
    void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** One masked client frame. */
    static byte[] frame(int opcode, byte[] payload, boolean fin) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift));
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }

    void sendText(String text) throws IOException {
        send(TEXT, text.getBytes(StandardCharsets.UTF_8), true);
    }

    /** Reads one frame; returns its opcode and payload. */
    Frame read() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(first & 0x0f, payload);
    }

    /** Reads frames until the server's close frame; returns its status code. */
    int readCloseCode() throws IOException {
        while (true) {
            Frame frame = read();
            if (frame.opcode() == CLOSE) {
                return closeCode(frame);
            }
        }
    }

    /** Reads frames until a text frame containing {@code marker}; returns its text. */
    String readTextContaining(String marker) throws IOException {
        while (true) {
            Frame frame = read();
            String text = new String(frame.payload(), StandardCharsets.UTF_8);
            if (frame.opcode() == TEXT && text.contains(marker)) {
                return text;
            }
        }
    }

    /**
     * Reads frames until the server closes the TCP connection and returns them all.
     *
     * @throws java.net.SocketTimeoutException if the server has not closed it within 5 s
     */
    List<Frame> readUntilClosed() throws IOException {
        socket.setSoTimeout(5_000);
        List<Frame> frames = new ArrayList<>();
        try {
            while (true) {
                frames.add(read());
            }
        } catch (java.net.SocketTimeoutException stillOpen) {
            throw stillOpen;
        } catch (IOException closed) {     // EOF, also in the middle of a frame, or a reset
            return frames;
        }
    }

    /** Whether the server closes the connection within 5 s; a connection still open then is not closed. */
    boolean isClosedByServer() throws IOException {
        try {
            readUntilClosed();
            return true;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        }
    }

    /** The status code of a close frame. */
    static int closeCode(Frame frame) {
        byte[] p = frame.payload();
        return p.length >= 2 ? ((p[0] & 0xff) << 8) | (p[1] & 0xff) : 1005;
    }

    private String readHeaders() throws IOException {
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            headers.append((char) in.readUnsignedByte());
        }
        return headers.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    record Frame(int opcode, byte[] payload) {
    }
}
