package dev.ichigen.inventory;

import java.time.Instant;

import dev.ichigen.shared.Sku;

/**
 * One ledger row (入出庫履歴): how on-hand and reserved changed for a SKU in a warehouse, who did it,
 * when and why, and what it refers to (e.g. {@code ORDER_LINE} order/line, {@code TRANSFER}).
 */
public record StockMovement(long id, Sku sku, String warehouse, MovementType type, long onHandDelta,
        long reservedDelta, String reason, String referenceType, String referenceId, String referenceLine,
        String actor, Instant occurredAt) {
}
