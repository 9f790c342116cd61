package dev.ichigen.inventory;

import java.time.LocalDate;
import java.util.List;

import dev.ichigen.shared.Sku;

/**
 * ピッキング引当 of one order line: where each stocked SKU of the line is to be picked ({@code picks}, in walk
 * order) and what could not be assigned ({@code shortfalls}, empty when the line is fully covered).
 */
public record PickAssignment(String orderRef, String lineRef, String warehouse, List<Pick> picks, List<Shortfall> shortfalls) {

    public boolean complete() {
        return shortfalls.isEmpty();
    }

    /** Pick {@code quantity} of {@code sku} at {@code location} (null = 未棚入れ) from lot {@code lotNo} (null = none). */
    public record Pick(Sku sku, String location, Integer walkOrder, String lotNo, LocalDate expiryDate, long quantity) {
    }

    /** {@code missing} units of {@code sku} found no valid location/lot; {@code reason} says why in Japanese. */
    public record Shortfall(Sku sku, long missing, String reason) {
    }
}
