package dev.ichigen.inventory;

/**
 * A location (ロケーション) inside a warehouse: zone, shelf (棚) and bin (段・間口), with the position on
 * the picking walk ({@code walkOrder}, ascending).
 */
public record WarehouseLocation(long id, String warehouse, String code, String zone, String shelf, String bin,
        int walkOrder, boolean active) {
}
