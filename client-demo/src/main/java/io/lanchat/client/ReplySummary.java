package io.lanchat.client;

import io.lanchat.protocol.ReplyDone;
import io.lanchat.protocol.ReplyStats;
import java.util.Locale;

/** The line under a finished reply: model, how long it thought, tokens, speed, first token, a cut. */
final class ReplySummary {
    private ReplySummary() {
    }

    static String of(ReplyDone done) {
        StringBuilder stats = new StringBuilder("[").append(done.model());
        if (done.timing() != null && done.timing().thinkingMs() != null) {
            stats.append(", thought for ").append(PhaseText.duration(done.timing().thinkingMs()));
        }
        ReplyStats s = done.stats();
        if (s.replyTokens() != null) {
            stats.append(", ").append(s.replyTokens()).append(" tokens");
        }
        Double speed = s.tokensPerSecond();
        if (speed != null) {
            stats.append(String.format(Locale.ROOT, ", %.1f tokens/s", speed));
        }
        if (done.timing() != null) {
            stats.append(", first token after ").append(PhaseText.duration(done.timing().firstTokenMs()));
        }
        if ("length".equals(done.doneReason())) {
            stats.append(", cut short by the token limit");
        }
        return stats.append(']').toString();
    }
}
