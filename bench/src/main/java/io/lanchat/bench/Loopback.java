package io.lanchat.bench;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The load generator's hard rule: it only ever sends to this machine's loopback addresses. */
final class Loopback {
    private Loopback() {
    }

    static void require(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    throw new IllegalArgumentException(host + " is not a loopback address: the benchmark only"
                            + " targets 127.0.0.0/8 or ::1");
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host " + host, e);
        }
    }
}
