package io.lanchat.reliability;

import java.net.InetAddress;

/** The suite's hard rule: it only ever connects to this machine's loopback addresses. */
final class Loopback {
    private Loopback() {
    }

    static void require(InetAddress address) {
        if (address == null || !address.isLoopbackAddress()) {
            throw new IllegalArgumentException(address + " is not a loopback address: the reliability suite only"
                    + " targets 127.0.0.0/8 or ::1");
        }
    }

    /** 127.0.{block}.{n}: a distinct loopback source address, so per-address limits can be kept apart. */
    static InetAddress source(int block, int n) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, (byte) block, (byte) (1 + Math.floorMod(n, 250))});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
