package dev.ichigen.inventory;

/** Command: change a warehouse; null fields stay as they are. */
public record WarehouseChange(String name, Integer priority, Boolean active) {
}
