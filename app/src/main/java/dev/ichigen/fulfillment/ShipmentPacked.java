package dev.ichigen.fulfillment;

/** Every item of a shipment was scanned at packing (出荷検品済). */
public record ShipmentPacked(long shipmentId, String shipmentKey) {
}
