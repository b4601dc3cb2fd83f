package io.lanchat.server.chat;

import io.lanchat.protocol.ServerMessage;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Which connection a conversation talks to now, if any, and the grace period after the last one left, during
 * which a reply goes on waiting for a resume. It is where a reply's delivery sends its frames. Confined to the
 * conversation's event loop.
 */
final class ClientAttachment implements DeliveryTarget {
    private final EventLoop loop;
    /** Told when a connection comes where there was none (true), or the last one goes (false). */
    private final java.util.function.Consumer<Boolean> presence;
    private ClientSink sink;
    /** Whether a connection is attached; readable from any thread. */
    private volatile boolean present;
    private ScheduledFuture<?> graceTimer;

    ClientAttachment(EventLoop loop, java.util.function.Consumer<Boolean> presence) {
        this.loop = loop;
        this.presence = presence;
    }

    private void setSink(ClientSink next) {
        boolean was = sink != null;
        sink = next;
        present = next != null;
        if (was != present) {
            presence.accept(present);
        }
    }

    /** Whether a connection is attached now. Any thread. */
    boolean present() {
        return present;
    }

    /** A connection takes over; one that held it before is told it was displaced. Any grace period ends. */
    void attach(ClientSink newSink, String sessionId) {
        if (sink != null && sink != newSink) {
            sink.displaced(sessionId);
        }
        setSink(newSink);
        cancelGrace();
    }

    /** The conversation is gone (deleted): the attached connection moves on to a new one. */
    void goneFromUnder(String sessionId) {
        if (sink != null) {
            ClientSink moving = sink;
            setSink(null);
            moving.conversationGone(sessionId);
        }
    }

    /** The connection left; false when another one had taken over already. */
    boolean detach(ClientSink oldSink) {
        if (sink != oldSink) {
            return false;
        }
        setSink(null);
        return true;
    }

    /** Runs {@code graceOver} after {@code grace} unless a connection attaches first. */
    void startGrace(Duration grace, Runnable graceOver) {
        cancelGrace();
        graceTimer = loop.schedule(() -> {
            graceTimer = null;
            if (sink == null) {
                graceOver.run();
            }
        }, grace.toNanos(), TimeUnit.NANOSECONDS);
    }

    void cancelGrace() {
        if (graceTimer != null) {
            graceTimer.cancel(false);
            graceTimer = null;
        }
    }

    @Override
    public boolean isAttached() {
        return sink != null;
    }

    /** The identity of the attached client, or {@code fallback} when nobody is attached. */
    String clientKey(String fallback) {
        return sink == null ? fallback : sink.clientKey();
    }

    @Override
    public boolean clientWritable() {
        return sink != null && sink.isWritable();
    }

    @Override
    public void send(ServerMessage message) {
        if (sink != null) {
            sink.send(message);
        }
    }

    @Override
    public void flush() {
        if (sink != null) {
            sink.flush();
        }
    }
}
