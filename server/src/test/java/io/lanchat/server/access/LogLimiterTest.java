package io.lanchat.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class LogLimiterTest {
    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
    private final LogLimiter limiter = new LogLimiter(3, nanos::get);

    @Test
    void letsTheAllowanceThroughInOneSecond() {
        assertThat(limiter.admit()).isZero();
        assertThat(limiter.admit()).isZero();
        assertThat(limiter.admit()).isZero();
    }

    @Test
    void suppressesLinesBeyondTheAllowance() {
        admit(3);

        assertThat(limiter.admit()).isEqualTo(-1);
        assertThat(limiter.admit()).isEqualTo(-1);
    }

    @Test
    void theNextSecondReportsHowManyWereSuppressedOnce() {
        admit(3 + 5);
        nanos.addAndGet(1_000_000_000L);

        assertThat(limiter.admit()).isEqualTo(5);
        assertThat(limiter.admit()).isZero();
    }

    @Test
    void aFloodStaysWithinTheAllowanceEverySecond() {
        int written = 0;
        for (int second = 0; second < 10; second++) {
            for (int i = 0; i < 100_000; i++) {
                if (limiter.admit() >= 0) {
                    written++;
                }
            }
            nanos.addAndGet(1_000_000_000L);
        }

        assertThat(written).isEqualTo(30);
    }

    private void admit(int times) {
        for (int i = 0; i < times; i++) {
            limiter.admit();
        }
    }
}
