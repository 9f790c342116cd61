package dev.ichigen.inventory;

import dev.ichigen.shared.Sku;

/**
 * The quantity a channel should show for a listed SKU (連動在庫数) changed. Published in the transaction
 * that changed it, next to the persistent outbox row ({@link PublishOutbox}); listeners must treat the
 * quantity as a hint and re-read {@link PublishableQuantity#of} before pushing.
 */
public record PublishableQuantityChanged(long channelId, Sku sku, long quantity) {
}
