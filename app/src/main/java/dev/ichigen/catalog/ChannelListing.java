package dev.ichigen.catalog;

import java.time.Instant;

import dev.ichigen.shared.Sku;

/**
 * Which of our SKUs a channel's item is (商品紐付け). Many channel items may point to one SKU (the same
 * goods on several stores, or twice on one). {@code itemCode}/{@code subCode} per platform: Shopify
 * variant SKU / "" (inventory item id in {@code externalRef}, which the stock push needs; docs/CONNECTORS.md); 楽天 manageNumber / variantId; Yahoo! itemcode / subcode; Amazon SellerSKU / ""
 * (ASIN in {@code externalRef}); own site SKU / "". {@code subCode} is "" when the platform has none.
 */
public record ChannelListing(long id, long channelId, String itemCode, String subCode, Sku sku, String externalRef,
        Instant createdAt) {
}
