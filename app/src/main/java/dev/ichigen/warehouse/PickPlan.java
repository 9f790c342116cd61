package dev.ichigen.warehouse;

import java.util.List;

import dev.ichigen.inventory.PickAssignment;

/**
 * ピッキング指示 of one shipment: per shipment line where to pick what (location, lot, quantity, in walk order).
 * {@code complete} false = 引当不足: some quantity has no valid location/lot (expired, under the channel's minimum
 * shelf life, or not in any location) — {@code message} says which; such a shipment must not be picked as planned.
 */
public record PickPlan(long shipmentId, String shipmentKey, String warehouse, String shipmentStatus, boolean complete,
        String message, List<Line> lines) {

    public record Line(long orderId, int lineNo, String sku, String name, long quantity, List<PickAssignment.Pick> picks,
            List<PickAssignment.Shortfall> shortfalls) {
    }
}
