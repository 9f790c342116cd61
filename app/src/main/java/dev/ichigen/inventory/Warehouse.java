package dev.ichigen.inventory;

import java.time.Instant;

/**
 * A warehouse (倉庫) — own stockroom or a 3PL. {@code priority}: allocation order when an order names
 * no warehouse (lower first); inactive warehouses take no reservations and count for no channel.
 */
public record Warehouse(long id, String code, String name, int priority, boolean active, Instant createdAt,
        Instant updatedAt) {
}
