package dev.ichigen.inventory;

import dev.ichigen.shared.Sku;

/**
 * What a channel should show for a SKU now (連動在庫数): the available stock over active warehouses
 * (for a set: complete sets its components allow), the policy that applies and the resulting quantity.
 * {@code policySource}: SKU (a per-SKU row), CHANNEL (the channel's default) or DEFAULT (no row).
 */
public record ChannelQuantity(long channelId, Sku sku, long available, long quantity, boolean syncEnabled,
        PolicySource policySource, PublishPolicy policy) {

    /** Where the policy that applies comes from. */
    public enum PolicySource {
        SKU, CHANNEL, DEFAULT
    }
}
