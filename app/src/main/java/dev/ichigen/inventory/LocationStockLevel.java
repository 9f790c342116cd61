package dev.ichigen.inventory;

import java.time.LocalDate;

import dev.ichigen.shared.Sku;

/**
 * Stock of a SKU at one location and lot (ロケーション在庫). {@code location} null = 未棚入れ (received, not put
 * away); {@code lotNo} null = not lot-managed. {@code allocated} is assigned to picks; {@code expired} was taken out
 * of stock when the lot expired (to dispose of, not counted in {@code onHand}).
 */
public record LocationStockLevel(String warehouse, String location, Integer walkOrder, Sku sku, String lotNo,
        LocalDate expiryDate, long onHand, long allocated, long expired) {
}
