package dev.ichigen.inventory;

/**
 * Stock of one SKU in one warehouse: 実在庫 (on hand), 引当済 (reserved) and 引当可能 (available =
 * on hand − reserved). For a set the figures are derived from its components (on hand and reserved are
 * then 0 and only available is meaningful).
 */
public record StockLevel(String warehouse, boolean warehouseActive, long onHand, long reserved, long available) {
}
