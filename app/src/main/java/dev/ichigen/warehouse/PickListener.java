package dev.ichigen.warehouse;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

import dev.ichigen.fulfillment.ShipmentInstructed;

/**
 * ピッキング引当 after a shipment was made (its transaction committed): assigns its lines to locations and lots and
 * flags it when they cannot be covered. Re-delivered after a crash; planning twice changes nothing.
 */
@Component
class PickListener {

    private final PickPlanning planning;

    PickListener(PickPlanning planning) {
        this.planning = planning;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(ShipmentInstructed event) {
        planning.planById(event.shipmentId());
    }
}
