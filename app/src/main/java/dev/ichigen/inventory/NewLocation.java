package dev.ichigen.inventory;

/** Command: add a location to a warehouse. {@code walkOrder} null means after the last one. */
public record NewLocation(String code, String zone, String shelf, String bin, Integer walkOrder) {
}
