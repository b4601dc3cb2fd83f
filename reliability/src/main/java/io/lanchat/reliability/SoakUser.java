package io.lanchat.reliability;

import io.lanchat.protocol.ErrorMessage;
import io.lanchat.protocol.HistoryMessage;
import io.lanchat.protocol.Resumed;
import io.lanchat.protocol.ServerMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One simulated user of the soak: thinks, sends a message, reads the reply; sometimes drops its connection in the
 * middle of a reply and resumes it; retries whatever fails with a retryable error; starts a new conversation
 * every few messages (so the server's history stays bounded and its heap can be judged flat). Every reply's text
 * is compared with what the stand-in produced for that message.
 */
final class SoakUser implements Runnable {
    /** What each user does; times in milliseconds. */
    record Plan(int tokens, int tokenSize, double dropChance, long thinkMin, long thinkMax, long messageDeadline,
                long retryDelayMin, long retryDelayMax, int resetEvery) {
    }

    private final int index;
    private final InetSocketAddress server;
    private final Plan plan;
    private final SoakTally tally;
    private final long stopNanos;
    private final Random random;
    private ChatClient client;
    private int requests;

    SoakUser(int index, InetSocketAddress server, Plan plan, SoakTally tally, long stopNanos, long seed) {
        this.index = index;
        this.server = server;
        this.plan = plan;
        this.tally = tally;
        this.stopNanos = stopNanos;
        this.random = new Random(seed * 1_000_003 + index);
    }

    @Override
    public void run() {
        try {
            client = new ChatClient(server, null, 30_000);
            if (!connect(System.nanoTime() + TimeUnit.MINUTES.toNanos(2), false)) {
                return;
            }
            for (int m = 0; System.nanoTime() < stopNanos; m++) {
                Thread.sleep(plan.thinkMin() + (long) (random.nextDouble() * (plan.thinkMax() - plan.thinkMin())));
                if (System.nanoTime() >= stopNanos) {
                    break;
                }
                message(m);
                if ((m + 1) % plan.resetEvery() == 0 && resetConversation()) {
                    tally.resets.increment();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            tally.example("user " + index + " stopped: " + e);
        } finally {
            if (client != null) {
                client.close();
            }
        }
    }

    private boolean resetConversation() throws IOException, InterruptedException {
        try {
            return client.reset("z" + (requests++));
        } catch (IOException e) {
            return connect(System.nanoTime() + TimeUnit.SECONDS.toNanos(30), true);
        }
    }

    /** One message, from chat to its final frame (through drops, resumes and retries), and its verdict. */
    private void message(int m) throws IOException, InterruptedException {
        tally.messages.increment();
        String text = ReplyText.request("u" + index + "m" + m, plan.tokens(), plan.tokenSize());
        String expected = ReplyText.text(text);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(plan.messageDeadline());
        ChatClient.Reply reply = new ChatClient.Reply("c" + (requests++));
        boolean failed = false;
        boolean resumed = false;
        boolean dropped = false;
        StringBuilder story = new StringBuilder();
        try {
            client.chat(reply.id, text);
        } catch (IOException e) {
            tally.serverClosed.increment();   // the next await sees the closed socket and resumes
        }
        while (true) {
            int dropAfter = !dropped && random.nextDouble() < plan.dropChance()
                    ? 1 + random.nextInt(Math.max(1, plan.tokens() - 2)) : -1;
            ChatClient.Outcome o = client.await(reply, dropAfter, deadline);
            story.append(reply.id).append(' ').append(o.end()).append(o.code() == null ? "" : " " + o.code())
                    .append("; ");
            switch (o.end()) {
                case DONE -> {
                    finish(reply.text.toString(), expected, failed, resumed, "u" + index + "m" + m);
                    return;
                }
                case DROPPED, CLOSED -> {
                    if (o.end() == ChatClient.End.DROPPED) {
                        dropped = true;
                        tally.drops.increment();
                    } else {
                        tally.serverClosed.increment();
                    }
                    client.drop();
                    resumed = true;
                    if (!connect(deadline, true)) {
                        tally.noFinalFrame.increment();
                        return;
                    }
                    ServerMessage answer = client.resume("s" + (requests++), reply);
                    story.append("resume -> ").append(answer instanceof Resumed r0 ? "resumed reply=" + r0.reply()
                            + " pending=" + (r0.pending() != null) : String.valueOf(answer)).append("; ");
                    if (!(answer instanceof Resumed r)) {
                        tally.resumeFailed.increment();
                        tally.example("u" + index + "m" + m + ": resume answered " + answer);
                        client.sessionId = null;   // a new conversation starts; the old one is gone
                        client.drop();
                        connect(deadline, false);
                        return;
                    }
                    if (r.reply() != null) {
                        if (r.reply().nextSeq() == 0) {
                            tally.resumedFromZero.increment();
                            reply.text.setLength(0);
                            reply.nextSeq = 0;
                        } else if (r.reply().nextSeq() == reply.nextSeq) {
                            tally.resumedContinuing.increment();
                        } else {
                            tally.brokenStream.increment();
                            tally.example("u" + index + "m" + m + ": resumed at nextSeq " + r.reply().nextSeq()
                                    + " with " + reply.nextSeq + " received");
                            return;
                        }
                        continue;
                    }
                    if (r.pending() != null) {
                        tally.resumedPending.increment();   // it failed while we were away: retry it
                        failed = markFailed(failed);
                        reply = retry(reply, deadline);
                        continue;
                    }
                    tally.resumedAfterEnd.increment();
                    List<HistoryMessage> h = r.history();
                    HistoryMessage last = h.isEmpty() ? null : h.get(h.size() - 1);
                    boolean whole = last != null && "assistant".equals(last.role()) && !last.cancelled();
                    if (!whole) {
                        tally.cancelled.increment();
                        tally.example("u" + index + "m" + m + ": after resume the reply is not in history whole: "
                                + last);
                        return;
                    }
                    finish(last.content(), expected, failed, true, "u" + index + "m" + m);
                    return;
                }
                case ERROR -> {
                    tally.error(o.code());
                    if (!o.retryable()) {
                        tally.nonRetryable.increment();
                        tally.example("u" + index + "m" + m + ": non-retryable " + o.code() + ": " + o.why()
                                + " [" + story + "]");
                        return;
                    }
                    failed = markFailed(failed);
                    reply = retry(reply, deadline);
                }
                case CANCELLED -> {
                    tally.cancelled.increment();
                    tally.example("u" + index + "m" + m + ": cancelled, nobody asked");
                    return;
                }
                case TIMEOUT -> {
                    tally.noFinalFrame.increment();
                    tally.example("u" + index + "m" + m + ": no final frame within "
                            + plan.messageDeadline() / 1000 + " s (" + reply.nextSeq + " tokens)");
                    client.drop();
                    client.sessionId = null;
                    connect(System.nanoTime() + TimeUnit.SECONDS.toNanos(30), false);
                    return;
                }
                case BROKEN -> {
                    tally.brokenStream.increment();
                    tally.example("u" + index + "m" + m + ": " + o.why());
                    client.drop();
                    client.sessionId = null;
                    connect(System.nanoTime() + TimeUnit.SECONDS.toNanos(30), false);
                    return;
                }
                default -> throw new IllegalStateException(o.toString());
            }
            if (System.nanoTime() > deadline) {
                tally.noFinalFrame.increment();
                tally.example("u" + index + "m" + m + ": not done within " + plan.messageDeadline() / 1000 + " s");
                return;
            }
        }
    }

    /** Counts a message the first time it fails. */
    private boolean markFailed(boolean already) {
        if (!already) {
            tally.failedMessages.increment();
        }
        return true;
    }

    private ChatClient.Reply retry(ChatClient.Reply failed, long deadline) throws InterruptedException {
        tally.retries.increment();
        Thread.sleep(plan.retryDelayMin() + (long) (random.nextDouble()
                * (plan.retryDelayMax() - plan.retryDelayMin())));
        ChatClient.Reply next = new ChatClient.Reply("r" + (requests++));
        try {
            client.retry(next.id);
        } catch (IOException e) {
            // the await that follows sees the closed connection and resumes
        }
        return next;
    }

    private void finish(String text, String expected, boolean failed, boolean resumed, String what) {
        tally.done.increment();
        tally.tokens.add(plan.tokens());
        tally.lastActivityNanos.set(System.nanoTime());
        if (failed) {
            tally.retrySucceeded.increment();
        }
        if (resumed) {
            tally.resumedMessages.increment();
        }
        if (text.equals(expected)) {
            tally.exactText.increment();
            if (resumed) {
                tally.resumedMessagesExact.increment();
            }
        } else {
            tally.wrongText.increment();
            tally.example(what + ": text differs (" + text.length() + " chars, expected " + expected.length() + ")");
        }
    }

    /** Connects (and resumes nothing yet), trying again every second until the deadline. */
    private boolean connect(long deadline, boolean quiet) throws InterruptedException {
        while (true) {
            try {
                client.connect();
                return true;
            } catch (IOException e) {
                tally.connectFailures.increment();
                if (System.nanoTime() > deadline) {
                    if (!quiet) {
                        tally.example("user " + index + " cannot connect: " + e);
                    }
                    return false;
                }
                Thread.sleep(1_000);
            }
        }
    }
}
