package dev.ichigen.inventory;

import java.time.Instant;
import java.util.Map;

import dev.ichigen.shared.Sku;

/**
 * A reservation of one order line as stored: the ordered SKU and quantity, the warehouse, its status
 * (ACTIVE 引当中, RELEASED 引当解除, SHIPPED 出荷済) and what it holds per stocked SKU (for a set line:
 * each component × quantity).
 */
public record OrderLineReservation(String orderRef, String lineRef, Sku sku, long quantity, String warehouse,
        Status status, Map<Sku, Long> holds, Instant reservedAt, Instant closedAt) {

    public enum Status {
        ACTIVE, RELEASED, SHIPPED
    }
}
