package io.lanchat.server.transport;

import io.lanchat.server.access.LogLimiter;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.channel.Channel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs what a client got wrong (a malformed frame, invalid UTF-8, a frame too big): the client has already been
 * told, with an error frame or a close code, so the log gets one INFO line per connection, without a stack
 * trace, within the server-wide {@link LogLimiter}; further mistakes on the same connection go to DEBUG.
 */
final class ClientMistakes {
    private static final Logger log = LoggerFactory.getLogger(ClientMistakes.class);
    private static final AttributeKey<Boolean> LOGGED = AttributeKey.valueOf("lanchat.mistakeLogged");

    private ClientMistakes() {
    }

    /** Whether an exception from the pipeline is the client's fault (bad input), not the server's. */
    static boolean isClientMistake(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CorruptedFrameException || t instanceof TooLongFrameException
                    || t instanceof JsonProcessingException) {
                return true;
            }
            if (!(t instanceof DecoderException)) {
                return false;
            }
        }
        return false;
    }

    static void log(Channel channel, String what) {
        if (channel.attr(LOGGED).setIfAbsent(Boolean.TRUE) == null) {
            LogLimiter.CLIENT_EVENTS.info(log, "{}: {} (further client errors on this connection: DEBUG)",
                    channel.remoteAddress(), what);
        } else {
            log.debug("{}: {}", channel.remoteAddress(), what);
        }
    }
}
