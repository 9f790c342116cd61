package dev.ichigen.order;

import java.util.Collection;

/**
 * THE place where an order's status comes from (受注ステータスの決定). Facts, in order of precedence:
 * cancelled → CANCELLED; shipped → SHIPPED; any open hold other than the payment wait → ON_HOLD (a
 * person must act); an open PAYMENT_PENDING hold → AWAITING_PAYMENT; not every line reserved →
 * AWAITING_STOCK; else READY_TO_SHIP. Holds never stop a reservation (reserving early is what prevents
 * overselling) — they only stop shipping.
 */
final class OrderStatusRule {

    private OrderStatusRule() {
    }

    static OrderStatus derive(boolean cancelled, boolean shipped, Collection<String> openHoldCodes,
            AllocationState allocation) {
        if (cancelled) {
            return OrderStatus.CANCELLED;
        }
        if (shipped) {
            return OrderStatus.SHIPPED;
        }
        if (openHoldCodes.stream().anyMatch(code -> !HoldReason.PAYMENT_PENDING.equals(code))) {
            return OrderStatus.ON_HOLD;
        }
        if (openHoldCodes.contains(HoldReason.PAYMENT_PENDING)) {
            return OrderStatus.AWAITING_PAYMENT;
        }
        if (allocation != AllocationState.ALLOCATED) {
            return OrderStatus.AWAITING_STOCK;
        }
        return OrderStatus.READY_TO_SHIP;
    }
}
