package dev.ichigen.channel.connector;

import java.time.Duration;

/**
 * A token bucket (leaky bucket seen from the other side): {@code capacity} calls at once, refilled at
 * {@code perSecond}. {@link #acquire} waits for a token — callers are outside any transaction. Hand-written
 * because no rate-limiting library is on the classpath; the limits are each platform's documented ones
 * (docs/CONNECTORS.md).
 */
public final class RateLimiter {

    private final double capacity;
    private volatile double perSecond;
    private double tokens;
    private long last = System.nanoTime();

    public RateLimiter(double capacity, double perSecond) {
        this.capacity = capacity;
        this.perSecond = perSecond;
        this.tokens = capacity;
    }

    /** Takes a token, waiting at most {@code maxWait}; false when none came in time. */
    public boolean acquire(Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            long waitNanos;
            synchronized (this) {
                refill();
                if (tokens >= 1) {
                    tokens -= 1;
                    return true;
                }
                waitNanos = (long) ((1 - tokens) / perSecond * 1_000_000_000L);
            }
            if (System.nanoTime() + waitNanos > deadline) {
                return false;
            }
            Thread.sleep(Math.max(1, waitNanos / 1_000_000), (int) (waitNanos % 1_000_000));
        }
    }

    /**
     * A new refill rate the platform announced for this caller (Amazon SP-API {@code x-amzn-RateLimit-Limit}, requests
     * per second); the burst stays.
     */
    public synchronized void rate(double perSecond) {
        if (perSecond > 0 && perSecond != this.perSecond) {
            refill();
            this.perSecond = perSecond;
        }
    }

    /** The platform told us to wait (429 Retry-After): empty the bucket so nobody else calls before then. */
    public synchronized void drain() {
        refill();
        tokens = Math.min(tokens, 0);
    }

    /**
     * As {@link #drain()}, but when the platform said how long to wait ({@code Retry-After}) the next token comes
     * exactly then — a slow bucket (Amazon getOrders: one call a minute) is not held back a whole period after a 429
     * that asked for a second.
     */
    public synchronized void drain(Duration retryAfter) {
        if (retryAfter == null) {
            drain();
            return;
        }
        refill();
        tokens = Math.min(tokens, 1 - retryAfter.toMillis() / 1000.0 * perSecond);
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(capacity, tokens + (now - last) / 1_000_000_000.0 * perSecond);
        last = now;
    }
}
