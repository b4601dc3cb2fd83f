package io.lanchat.server.transport;

import io.lanchat.protocol.ErrorMessage;

/**
 * A text frame that is not a valid request, passed on by {@link JsonFrameCodec} with the error that answers it,
 * so that the answer is counted against the connection's {@link RequestAllowance} like any other.
 */
record RejectedFrame(ErrorMessage answer) {
}
