package dev.ichigen.fulfillment;

/** A shipment was made (出荷指示): the warehouse module assigns its picks (locations and lots). */
public record ShipmentInstructed(long shipmentId, String shipmentKey, String warehouse) {
}
