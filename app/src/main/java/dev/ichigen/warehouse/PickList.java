package dev.ichigen.warehouse;

import java.time.LocalDate;
import java.util.List;

/**
 * トータルピッキングリスト: the picks of several shipments summed per location, SKU and lot, in location walk order
 * (未棚入れ last), so one walk collects everything; then each shipment is sorted out at packing. {@code flagged} lists
 * shipments whose picks are incomplete (引当不足): their missing quantities are not on the list.
 */
public record PickList(String warehouse, List<String> shipments, List<Row> rows, List<Flagged> flagged) {

    /** Pick {@code quantity} of {@code sku} (lot {@code lotNo}) at {@code location}, for {@code shipments}. */
    public record Row(String location, Integer walkOrder, String sku, String name, String jan, String lotNo, LocalDate expiryDate,
            long quantity, List<String> shipments) {
    }

    public record Flagged(String shipment, String message) {
    }
}
