package dev.ichigen.inventory;

import dev.ichigen.shared.Sku;

/** One order line to reserve (引当): the ordered SKU (a stocked SKU or a set) and how many. */
public record ReservationRequest(String lineRef, Sku sku, long quantity) {
}
