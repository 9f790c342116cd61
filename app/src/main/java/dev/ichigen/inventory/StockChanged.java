package dev.ichigen.inventory;

import dev.ichigen.shared.Sku;

/** A SKU's balance in a warehouse changed by a ledger movement (published in the changing transaction). */
public record StockChanged(Sku sku, String warehouse, MovementType type, long onHandDelta, long reservedDelta) {
}
