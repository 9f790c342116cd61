package dev.ichigen.channel;

import java.time.Instant;
import java.util.Set;

/**
 * A store on a platform (販売チャネル / 店舗), e.g. the shop's Rakuten store. Other modules refer to it by
 * {@code id}; {@code code} is a short stable name for files and URLs (e.g. {@code rakuten-1}).
 * {@code credentialNames} says which credentials are stored — never their values.
 */
public record SalesChannel(long id, String code, Platform platform, String name, boolean active, Instant createdAt,
        Set<String> credentialNames, Instant credentialsUpdatedAt) {

    public boolean hasCredentials() {
        return !credentialNames.isEmpty();
    }
}
