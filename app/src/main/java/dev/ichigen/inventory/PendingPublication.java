package dev.ichigen.inventory;

import java.time.Instant;

import dev.ichigen.shared.Sku;

/**
 * One outbox row of {@link PublishOutbox}: channel {@code channelId} should now show {@code quantity} of
 * {@code sku} (as computed when the change happened — re-read before pushing).
 */
public record PendingPublication(long id, long channelId, Sku sku, long quantity, Instant occurredAt) {
}
