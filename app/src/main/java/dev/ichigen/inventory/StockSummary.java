package dev.ichigen.inventory;

import java.util.List;

import dev.ichigen.catalog.ProductKind;
import dev.ichigen.shared.Sku;

/**
 * A SKU's stock per warehouse and in total. Totals count active warehouses only, because only they
 * take reservations. For a set ({@code derived = true}) available per warehouse is the number of
 * complete sets its components allow there.
 */
public record StockSummary(Sku sku, ProductKind kind, boolean derived, List<StockLevel> warehouses, long onHand,
        long reserved, long available) {
}
