package dev.ichigen.order;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * Keeps merge groups (同梱) true after an order changed: after the change is committed, an order that was
 * cancelled or whose orderer, recipient or address changed leaves its group ({@link ShipmentGrouping#reviewMembership}).
 * Re-delivered after a crash by the event publication registry; running twice changes nothing.
 */
@Component
class MergeGroupMaintenance {

    private final ShipmentGrouping grouping;

    MergeGroupMaintenance(ShipmentGrouping grouping) {
        this.grouping = grouping;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OrderUpdated event) {
        grouping.reviewMembership(event.orderId());
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OrderCancelled event) {
        grouping.reviewMembership(event.orderId());
    }
}
