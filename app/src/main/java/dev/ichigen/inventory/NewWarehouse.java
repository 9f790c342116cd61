package dev.ichigen.inventory;

/** Command: create a warehouse. {@code active} null means active. */
public record NewWarehouse(String code, String name, Integer priority, Boolean active) {
}
