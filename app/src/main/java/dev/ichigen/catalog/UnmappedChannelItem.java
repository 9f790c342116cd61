package dev.ichigen.catalog;

import java.time.Instant;

/**
 * A channel item that was seen (in an order, a stock report) but maps to no SKU yet (未紐付け商品): a problem
 * to fix, shown until it is mapped. {@code lastContext} says where it was last seen (e.g. an order number).
 */
public record UnmappedChannelItem(long channelId, String itemCode, String subCode, Instant firstSeenAt,
        Instant lastSeenAt, long occurrences, String lastContext, Instant resolvedAt) {
}
