package io.lanchat.server.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lanchat.server.config.Limits;
import java.time.Duration;

/**
 * Chat-message rate limits per connection and per client identity. Buckets of clients that went quiet are
 * forgotten after a while, so the map stays bounded. Thread-safe.
 */
public final class RateLimits {
    private final Limits limits;
    private final Cache<String, TokenBucket> perClient = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(2))
            .maximumSize(100_000)
            .build();

    public RateLimits(Limits limits) {
        this.limits = limits;
    }

    public TokenBucket newConnectionBucket() {
        return new TokenBucket(limits.messagesPerMinutePerConnection(), System.nanoTime());
    }

    /** 0 when this message may go, else the seconds to wait. */
    public long tryTake(TokenBucket connection, ClientIdentity client) {
        long now = System.nanoTime();
        long wait = connection.tryTake(now);
        if (wait > 0) {
            return wait;
        }
        return tryTake(client);
    }

    /**
     * The client's own limit only, for requests without a connection of their own to count (the HTTP API): 0 when
     * this one may go, else the seconds to wait. Shared with the WebSocket's messages of the same identity.
     */
    public long tryTake(ClientIdentity client) {
        long now = System.nanoTime();
        return perClient.get(client.key(), k -> new TokenBucket(limits.messagesPerMinutePerClient(), now))
                .tryTake(now);
    }
}
