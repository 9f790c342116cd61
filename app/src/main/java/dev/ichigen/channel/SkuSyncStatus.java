package dev.ichigen.channel;

import java.time.Instant;

/**
 * Stock sync status of one SKU on one channel (在庫連携の状況): the quantity last pushed and when, whether a
 * push waits, and the last error with how many attempts failed in a row.
 */
public record SkuSyncStatus(long channelId, String sku, Long lastPushedQuantity, Instant lastPushedAt, boolean pending,
        int attempts, String lastError, Instant lastErrorAt) {
}
