package io.lanchat.protocol;

/** The protocol version announced in {@link Hello}; bumped on any incompatible change. */
public final class ProtocolVersion {
    /** The version this build speaks. */
    public static final int CURRENT = 1;

    private ProtocolVersion() {
    }
}
