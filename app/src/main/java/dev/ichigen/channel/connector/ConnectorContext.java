package dev.ichigen.channel.connector;

import java.time.Duration;

import dev.ichigen.channel.SalesChannel;
import dev.ichigen.channel.credentials.Credentials;

/**
 * One channel as a connector sees it: the channel, its decrypted credentials (never logged: {@link Credentials}
 * prints keys only), the HTTP helper, the channel's own rate limiters (keyed by the platform's bucket name) and how
 * far back a first import looks.
 */
public record ConnectorContext(SalesChannel channel, Credentials credentials, ChannelHttp http,
        java.util.function.Function<String, RateLimiter> limiters, Duration initialLookback) {

    public long channelId() {
        return channel.id();
    }

    public RateLimiter limiter(String bucket) {
        return limiters.apply(bucket);
    }
}
