package io.lanchat.server.config;

import java.util.Locale;

/** Which of Netty's I/O transports the server runs on. */
public enum IoTransport {
    /** Linux epoll where its native library loads, Java NIO elsewhere. */
    AUTO,
    /** Linux epoll, or refuse to start. */
    EPOLL,
    /** Linux io_uring (kernel 5.14 or later), or refuse to start. */
    IO_URING,
    /** Java NIO: portable, a little more CPU per read and write. */
    NIO;

    static IoTransport parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(Option.TRANSPORT.flag() + " must be auto, epoll, io_uring or nio (was \""
                    + value + "\")");
        }
    }
}
