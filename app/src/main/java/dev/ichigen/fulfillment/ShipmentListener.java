package dev.ichigen.fulfillment;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import dev.ichigen.order.OrderCancelled;
import dev.ichigen.order.OrderHeld;
import dev.ichigen.order.OrderReadyToShip;
import dev.ichigen.order.ShippingUnitsChanged;

/**
 * 出荷指示 after the order's change is committed: a ready order gets its shipment(s); a held order's unpacked ones
 * and a cancelled order's open ones are voided; merged or split orders get theirs re-made. Re-delivered after a crash by the event publication registry; running twice changes nothing.
 */
@Component
class ShipmentListener {

    private final Shipments shipments;

    ShipmentListener(Shipments shipments) {
        this.shipments = shipments;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OrderReadyToShip event) {
        shipments.instructIfReady(event.orderId());
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OrderHeld event) {
        shipments.instructIfReady(event.orderId()); // not ready any more: its unpacked instructions are voided
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(ShippingUnitsChanged event) {
        shipments.regroup(event.orderIds());
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(OrderCancelled event) {
        shipments.voidForCancelledOrder(event.orderId(), event.reason());
    }
}
