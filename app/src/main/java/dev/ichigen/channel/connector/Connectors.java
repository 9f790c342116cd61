package dev.ichigen.channel.connector;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.ichigen.channel.ChannelManagement;
import dev.ichigen.channel.FailureCause;
import dev.ichigen.channel.Platform;
import dev.ichigen.channel.SalesChannel;
import dev.ichigen.channel.credentials.ChannelCredentialStore;
import dev.ichigen.channel.credentials.Credentials;

/** The connector beans by platform, and the context a channel is called with (credentials, limiters). */
@Component
public class Connectors {

    private final Map<Platform, SalesChannelConnector> byPlatform = new EnumMap<>(Platform.class);
    private final ChannelManagement channels;
    private final ChannelCredentialStore credentials;
    private final ChannelHttp http;
    private final Duration initialLookback;
    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();

    Connectors(List<SalesChannelConnector> connectors, ChannelManagement channels, ChannelCredentialStore credentials,
            ChannelHttp http, @Value("${ichigen.channel.initial-import-lookback:P7D}") Duration initialLookback) {
        connectors.forEach(c -> byPlatform.put(c.platform(), c));
        this.channels = channels;
        this.credentials = credentials;
        this.http = http;
        this.initialLookback = initialLookback;
    }

    public Optional<SalesChannelConnector> forPlatform(Platform platform) {
        return Optional.ofNullable(byPlatform.get(platform));
    }

    public boolean hasConnector(Platform platform) {
        return byPlatform.containsKey(platform);
    }

    /** Active channels whose platform has a connector and which have credentials: the ones we sync. */
    public List<SalesChannel> connectedChannels() {
        return channels.list().stream().filter(c -> c.active() && c.hasCredentials() && hasConnector(c.platform())).toList();
    }

    /** The channel's connector and context, or a NOT_CONFIGURED failure. */
    public Bound bind(long channelId) {
        SalesChannel channel = channels.find(channelId)
                .orElseThrow(() -> new ConnectorException(FailureCause.NOT_CONFIGURED, "no sales channel " + channelId));
        SalesChannelConnector connector = forPlatform(channel.platform()).orElseThrow(() -> new ConnectorException(
                FailureCause.NOT_CONFIGURED, "no connector for " + channel.platform().label() + " yet"));
        Credentials secrets = credentials.credentials(channelId);
        if (secrets.isEmpty()) {
            throw new ConnectorException(FailureCause.NOT_CONFIGURED, "the channel has no credentials");
        }
        return new Bound(connector, new ConnectorContext(channel, secrets, http,
                bucket -> limiters.computeIfAbsent(channelId + ":" + bucket, k -> connector.newRateLimiter(bucket)),
                initialLookback));
    }

    /** A connector with the channel it talks to. */
    public record Bound(SalesChannelConnector connector, ConnectorContext context) {
    }
}
