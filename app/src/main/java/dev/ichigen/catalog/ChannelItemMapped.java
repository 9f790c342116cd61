package dev.ichigen.catalog;

import dev.ichigen.shared.Sku;

/**
 * A channel item was mapped (or re-mapped) to a SKU (商品紐付け): orders waiting on that item can go on.
 * Published in the mapping transaction; {@code subCode} is "" when the platform has none.
 */
public record ChannelItemMapped(long channelId, String itemCode, String subCode, Sku sku) {
}
