package dev.ichigen.channel;

import java.time.Instant;

/**
 * A store on a platform (販売チャネル / 店舗), e.g. the shop's Rakuten store. Other modules refer to it by
 * {@code id}; {@code code} is a short stable name for files and URLs (e.g. {@code rakuten-1}).
 */
public record SalesChannel(long id, String code, Platform platform, String name, boolean active, Instant createdAt) {
}
